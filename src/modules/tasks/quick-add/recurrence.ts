import {
  CLOCK_PATTERN,
  MONTH_PATTERN,
  TIME_OF_DAY_PATTERN,
  TIMES_OF_DAY,
  WEEKDAY_PATTERN,
  parseClock,
} from "./words.js";
import {
  adverbParts,
  bodyParts,
  hoursOf,
  monthDayParts,
  ordinalParts,
  toRrule,
  weekdaysOf,
  type RuleParts,
} from "./recurrence-parts.js";
import { occurrenceAfter } from "../task.recurrence-guard.js";
import type { DayPart } from "./day-part.js";
import { findRecurrenceTime } from "./recurrence-time.js";
import { isVerbParticle, type Span } from "./text.js";
import { instantOf, utcMillis, type LocalDateTime, type LocalTime } from "./zone.js";

/** A recurrence found in text: the RRULE, its first occurrence and where it was written. */
export interface RecurrenceMatch {
  start: number;
  end: number;
  rrule: string;
  dueAt: Date;
  dueAllDay: boolean;
  /** Its time, when written apart from it ("team standup 9am daily"). */
  partner: Span | null;
  /**
   * An adverb used as an adjective ("weekly review", "monthly report"): a rule only when no
   * other date is written ("draft weekly newsletter by thursday" is due Thursday).
   */
  attributive: boolean;
}

const WD = `(?:${WEEKDAY_PATTERN})s?`;
// "mon, wed and fri", "mon/wed/fri", "mon wed fri".
const WD_LIST = `${WD}(?:(?:\\s*(?:,|&|\\+|/|and)\\s*(?:and\\s+)?|\\s+)${WD})*`;
const ORD = `\\d{1,2}(?:st|nd|rd|th)`;
const ORD_LIST = `(?:the\\s+)?${ORD}(?:\\s*(?:,|&|and)\\s*(?:the\\s+)?${ORD})*`;
const MONTH_DAY = `(?:(?:${MONTH_PATTERN})\\.?\\s+\\d{1,2}(?:st|nd|rd|th)?|(?:the\\s+)?\\d{1,2}(?:st|nd|rd|th)?\\s+(?:of\\s+)?(?:${MONTH_PATTERN}))`;
const COUNT = "(?:\\d{1,3}|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)";
const NTH = "(?:second|third|fourth|2nd|3rd|4th)";
const END = "(?![\\p{L}\\p{N}])";

// The phrase after "every"/"each"; named groups say which shape matched.
const EVERY_BODY = new RegExp(
  [
    `(?<otherUnit>other\\s+(?:hour|day|week|month|year))${END}`,
    `other\\s+(?<otherDays>${WD_LIST})${END}`,
    `(?<count>${COUNT})\\s+(?<countUnit>hours|hrs|days|weeks|months|years)${END}`,
    `(?<nth>${NTH})\\s+(?<nthUnit>day|week|month|year)${END}`,
    `(?<nthOfMonth>1st|first|2nd|second|3rd|third|4th|fourth|last)\\s+(?<nthWeekday>${WD})(?:\\s+of\\s+(?:the\\s+|every\\s+)?month)?${END}`,
    `(?<weekdays>(?:week|work)days?)${END}`,
    `(?<weekends>weekends?)${END}`,
    `(?<unit>hour|day|week|month|year)${END}`,
    `(?<lastDay>last\\s+day(?:\\s+of\\s+(?:the\\s+|every\\s+)?month)?)${END}`,
    `(?<monthDay>${MONTH_DAY})${END}`,
    `(?<ordinals>${ORD_LIST})(?:\\s+of\\s+(?:the\\s+|every\\s+)?month)?${END}(?!\\s+(?:day|week|month|year))`,
    `(?<days>${WD_LIST})${END}`,
    `(?<timeWord>morning|afternoon|evening|night)${END}`,
  ]
    .map((alternative) => `(?:${alternative})`)
    .join("|"),
  "iuy",
);

// "on mondays", "on weekends": a plural after "on" says every one of them.
const PLURAL_DAYS = "(?:(?:sun|mon|tues|wednes|thurs|fri|satur)days|weekdays|weekends)";
const ANCHOR = new RegExp(
  `(?<![\\p{L}\\p{N}])(?:(?:every|each)\\s+|(?<on>on)\\s+(?=${PLURAL_DAYS}${END})|(?<adverb>hourly|daily|weekly|monthly|yearly|annually|fortnightly|bi-?weekly)${END})`,
  "giu",
);

const ON_DAYS = new RegExp(`\\s+on\\s+(?<days>${WD_LIST})${END}`, "iuy");
const ON_ORDINALS = new RegExp(`\\s+on\\s+(?<ordinals>${ORD_LIST})${END}`, "iuy");
const ON_LAST_DAY = new RegExp(`\\s+on\\s+the\\s+last\\s+day${END}`, "iuy");
const ON_MONTH_DAY = new RegExp(`\\s+on\\s+(?<monthDay>${MONTH_DAY})${END}`, "iuy");
const TIME_SUFFIX = new RegExp(
  `\\s*,?\\s+(?:(?:at|@|by)\\s+(?:(?<atWord>noon|midnight)|${CLOCK_PATTERN})|(?<hour2>\\d{1,2})(?::(?<minute2>\\d{2}))?\\s*(?<meridiem2>a\\.?m\\.?|p\\.?m\\.?)|(?<hour3>\\d{1,2}):(?<minute3>\\d{2})|(?:in\\s+the\\s+)?(?<word>${TIME_OF_DAY_PATTERN}))${END}`,
  "iuy",
);

// "… at 8am and 8pm", "every morning and evening", "every morning at 8 and evening at 6".
const LISTED_TIME = new RegExp(
  `\\s*(?:,\\s*(?:and\\s+)?|\\s+(?:and|&)\\s+)(?:(?<at>at|@)\\s+)?(?:(?<atWord>noon|midnight)|(?<hour>\\d{1,2})(?::(?<minute>\\d{2}))?\\s*(?<meridiem>a\\.?m\\.?|p\\.?m\\.?)?|(?:in\\s+the\\s+)?(?<word>${TIME_OF_DAY_PATTERN})(?:\\s+(?:at|@)\\s+(?<hour2>\\d{1,2})(?::(?<minute2>\\d{2}))?\\s*(?<meridiem2>a\\.?m\\.?|p\\.?m\\.?)?)?)${END}`,
  "iuy",
);
// A bare number joins the list only where a list could end: "at 7 and 6", not "at 10 and 2 more".
const LIST_END = /^\s*(?:$|[,;.!?&]|and(?![\p{L}]))/iu;

/**
 * Finds the first recurrence ("every monday at 7am", "daily", "every 3rd") in `scan` and
 * computes its first occurrence at or after `now` in `timezone` (today counts). `dayPart` reads
 * an hour without am/pm ("dinner every friday at 8" is 20:00).
 */
export function findRecurrence(
  scan: string,
  now: LocalDateTime,
  timezone: string,
  dayPart?: DayPart,
): RecurrenceMatch | null {
  ANCHOR.lastIndex = 0;
  let adverbial: RecurrenceMatch | null = null;
  for (let anchor = ANCHOR.exec(scan); anchor; anchor = ANCHOR.exec(scan)) {
    // "call grandma weekly on sundays": the "on" is already the adverb's.
    if (adverbial && anchor.index < adverbial.end) continue;
    // "log on mondays": the "on" is the verb's.
    if (anchor.groups?.on && isVerbParticle(scan, anchor.index)) continue;
    // "the monthly report", "my weekly review": an adjective, part of the title.
    if (
      anchor.groups?.adverb &&
      DETERMINER_BEFORE.test(scan.slice(Math.max(0, anchor.index - 24), anchor.index))
    )
      continue;
    const matched = matchAt(scan, anchor, dayPart);
    if (!matched) continue;
    const start = withDayBefore(scan, anchor.index, matched.parts);
    const written = matched.parts.time
      ? null
      : findRecurrenceTime(scan, { start, end: matched.end }, dayPart);
    if (written) {
      matched.parts.time = written.time;
      if (written.hours) matched.parts.hours = written.hours;
    }
    const first = firstOccurrence(matched.parts, now, timezone);
    if (!first) continue;
    const partner = written ? { start: written.start, end: written.end } : null;
    const attributive =
      Boolean(anchor.groups?.adverb) &&
      NOUN_AFTER.test(scan.slice(anchor.index + anchor[0].length));
    const found = { start, end: matched.end, partner, attributive, ...first };
    // "weekly review every friday at 4pm": an "every …" phrase says more than an adverb before
    // it, which is then part of the title.
    if (!anchor.groups?.adverb) return found;
    adverbial ??= found;
  }
  return adverbial;
}

// Words after which an adverb is an adjective: "the last monthly report", "mom's weekly call".
const DETERMINER_BEFORE =
  /(?<![\p{L}\p{N}])(?:the|a|an|my|your|his|her|our|their|its|this|that|these|those|last|next|every|each|first|final|previous|upcoming|[\p{L}]+['’]s)\s+$/iu;
// A word after the adverb that is not a date word or a connector: "weekly review", not "weekly
// on friday" or "daily at 9".
const NOUN_AFTER = new RegExp(
  `^\\s+(?!(?:at|on|in|by|from|starting|until|till|for|every|each|and|or|to|before|after|around|between|with|until|${TIME_OF_DAY_PATTERN}|${WEEKDAY_PATTERN})s?${END})\\p{L}`,
  "iu",
);

// "(on) the 15th of every month", "the last day of each month": the day comes before "every".
const DAY_BEFORE =
  /(?<![\p{L}\p{N}])(?:on\s+)?(?:the\s+)?(?:(?<ordinal>\d{1,2})(?:st|nd|rd|th)|(?<last>last)(?:\s+day)?)\s+(?:day\s+)?of\s+(?:the\s+)?$/iu;

// "pay rent on the 1st monthly": an ordinal right before the rule (not "last": "the last monthly
// report" is a report).
const ORDINAL_BEFORE = /(?<![\p{L}\p{N}])(?:on\s+)?the\s+(?<ordinal>\d{1,2})(?:st|nd|rd|th)\s+$/iu;

/** Where a monthly rule starts when its day is written before "every"; fills in that day. */
function withDayBefore(scan: string, anchorStart: number, parts: RuleParts): number {
  if (parts.freq !== "MONTHLY" || parts.byMonthDay) return anchorStart;
  const window = scan.slice(Math.max(0, anchorStart - 40), anchorStart);
  const before = DAY_BEFORE.exec(window) ?? ORDINAL_BEFORE.exec(window);
  if (!before?.groups) return anchorStart;
  const day = before.groups.last ? -1 : Number(before.groups.ordinal);
  if (day !== -1 && !(day >= 1 && day <= 31)) return anchorStart;
  parts.byMonthDay = [day];
  return anchorStart - before[0].length;
}

function matchAt(
  scan: string,
  anchor: RegExpExecArray,
  dayPart: DayPart | undefined,
): { parts: RuleParts; end: number } | null {
  let parts: RuleParts | null;
  let end = anchor.index + anchor[0].length;
  const adverb = anchor.groups?.adverb?.toLowerCase();
  if (adverb) {
    parts = adverbParts(adverb);
  } else {
    EVERY_BODY.lastIndex = end;
    const body = EVERY_BODY.exec(scan);
    if (!body?.groups) return null;
    parts = bodyParts(body.groups);
    end = EVERY_BODY.lastIndex;
  }
  if (!parts) return null;
  end = extendWithQualifiers(scan, parts, end);
  const beforeTime = end;
  // Up to two time parts: "every tuesday evening at 7" (the clock refines the period word).
  for (let part = 0; part < 2; part += 1) {
    TIME_SUFFIX.lastIndex = end;
    const groups = TIME_SUFFIX.exec(scan)?.groups;
    const parsedTime = groups ? timeOf(groups, parts.period ?? dayPart) : null;
    if (!groups || !parsedTime) break;
    parts.time = smallHours(parts, groups, parsedTime);
    end = TIME_SUFFIX.lastIndex;
    const word = groups.word ?? groups.atWord;
    if (!word || parts.period) break;
    parts.period = word.toLowerCase();
  }
  if (!parts.time || parts.freq === "HOURLY") return { parts, end };
  const listed = listedTimes(scan, end, parts.period ?? dayPart);
  if (listed.times.length === 0) return { parts, end };
  const hours = hoursOf([parts.time, ...listed.times]);
  // "every day at 8am and 8:30pm": no one rule says both, so the rule takes no time and the
  // times stay in the title, as written.
  if (!hours) return { parts: { ...parts, time: undefined, period: undefined }, end: beforeTime };
  return { parts: { ...parts, hours }, end: listed.end };
}

/** The times listed after a rule's time ("and 8pm", ", 1pm and 7pm"), and where they end. */
function listedTimes(
  scan: string,
  from: number,
  dayPart: string | undefined,
): { times: LocalTime[]; end: number } {
  const times: LocalTime[] = [];
  let end = from;
  for (;;) {
    LISTED_TIME.lastIndex = end;
    const groups = LISTED_TIME.exec(scan)?.groups;
    if (!groups) break;
    const bare = groups.hour && !groups.minute && !groups.meridiem && !groups.at;
    if (bare && !LIST_END.test(scan.slice(LISTED_TIME.lastIndex))) break;
    const word = groups.word?.toLowerCase();
    const time = groups.hour2
      ? parseClock(groups.hour2, groups.minute2, groups.meridiem2, word)
      : timeOf(groups, word ?? dayPart);
    if (!time) break;
    times.push(time);
    end = LISTED_TIME.lastIndex;
  }
  return { times, end };
}

// "every week on monday", "every month on the 15th", "every year on jan 5".
function extendWithQualifiers(scan: string, parts: RuleParts, end: number): number {
  const tryQualifier = (pattern: RegExp): RegExpExecArray | null => {
    pattern.lastIndex = end;
    return pattern.exec(scan);
  };
  if (parts.freq === "WEEKLY" && !parts.byDay) {
    const days = tryQualifier(ON_DAYS);
    if (days?.groups?.days) {
      parts.byDay = weekdaysOf(days.groups.days);
      return ON_DAYS.lastIndex;
    }
  }
  if (parts.freq === "MONTHLY" && !parts.byMonthDay) {
    const ordinals = tryQualifier(ON_ORDINALS);
    const ordinalParts_ = ordinals?.groups?.ordinals
      ? ordinalParts(ordinals.groups.ordinals)
      : null;
    if (ordinalParts_?.byMonthDay) {
      parts.byMonthDay = ordinalParts_.byMonthDay;
      return ON_ORDINALS.lastIndex;
    }
    if (tryQualifier(ON_LAST_DAY)) {
      parts.byMonthDay = [-1];
      return ON_LAST_DAY.lastIndex;
    }
  }
  if (parts.freq === "YEARLY" && !parts.byMonth) {
    const monthDay = tryQualifier(ON_MONTH_DAY);
    const yearly = monthDay?.groups?.monthDay ? monthDayParts(monthDay.groups.monthDay) : null;
    if (yearly) {
      parts.byMonth = yearly.byMonth;
      parts.byMonthDay = yearly.byMonthDay;
      return ON_MONTH_DAY.lastIndex;
    }
  }
  return end;
}

/**
 * "every night at 3" is 03:00 and "every night at 12" midnight, not 15:00 and noon. Only for a
 * daily rule: "every friday night at 2" would fall on Saturday, which BYDAY cannot say.
 */
function smallHours(
  parts: RuleParts,
  groups: Record<string, string | undefined>,
  time: LocalTime,
): LocalTime {
  const written = groups.meridiem ?? groups.meridiem2;
  if (parts.period !== "night" || parts.freq !== "DAILY" || parts.byDay || written) return time;
  return time.hour >= 12 && time.hour <= 16 ? { ...time, hour: time.hour - 12 } : time;
}

function timeOf(groups: Record<string, string | undefined>, period?: string): LocalTime | null {
  const word = groups.atWord ?? groups.word;
  if (word) return TIMES_OF_DAY[word.toLowerCase()] ?? null;
  if (groups.hour) return parseClock(groups.hour, groups.minute, groups.meridiem, period);
  if (groups.hour2) return parseClock(groups.hour2, groups.minute2, groups.meridiem2, period);
  if (groups.hour3) return parseClock(groups.hour3, groups.minute3, undefined, period);
  return null;
}

/**
 * The first occurrence at or after now. rrule works on "floating" times (UTC fields standing
 * for the user's wall clock); the result is converted to a real instant in `timezone`.
 */
function firstOccurrence(
  parts: RuleParts,
  now: LocalDateTime,
  timezone: string,
): { rrule: string; dueAt: Date; dueAllDay: boolean } | null {
  const value = toRrule(parts);
  if (parts.freq === "HOURLY") return { rrule: value, ...firstHour(parts, now, timezone) };
  const today = utcMillis(now.year, now.month - 1, now.day);
  // All-day occurrences count today; timed ones must not already have passed.
  const from = parts.time
    ? utcMillis(now.year, now.month - 1, now.day, now.hour, now.minute)
    : today;
  // "every other day at 7am" said after 7am starts tomorrow, not the day after: counted from
  // today, its days would skip tomorrow. (Other rules keep their day: "weekly at 9am" said on a
  // Friday afternoon stays on Fridays.)
  const last = parts.time && {
    ...parts.time,
    hour: Math.max(...(parts.hours ?? [parts.time.hour])),
  };
  const passed = last && compareTime(last, now) < 0;
  const start =
    passed && parts.freq === "DAILY" ? utcMillis(now.year, now.month - 1, now.day + 1) : today;
  let next: Date | null;
  try {
    // In a worker with a time limit: "every feb 30" would never occur, and rrule would look
    // for it until the year 9999 (see task.recurrence-guard.ts).
    next = occurrenceAfter({
      rule: value,
      dtstart: new Date(start),
      until: null,
      after: new Date(from),
      inclusive: true,
    });
  } catch {
    return null;
  }
  if (!next) return null;
  const date = {
    year: next.getUTCFullYear(),
    month: next.getUTCMonth() + 1,
    day: next.getUTCDate(),
  };
  // With several hours a day ("at 8am and 8pm"), the first one still to come.
  const time = parts.time
    ? { hour: next.getUTCHours(), minute: next.getUTCMinutes() }
    : { hour: 0, minute: 0 };
  return { rrule: value, dueAt: instantOf(date, time, timezone), dueAllDay: !parts.time };
}

/**
 * The first occurrence of an hourly rule: from the time written ("every 8 hours from 9am"),
 * else from the next full hour, on in steps of its interval to the first one not yet passed.
 * The series is anchored at the task's due date from then on, so it needs no BYHOUR.
 */
function firstHour(
  parts: RuleParts,
  now: LocalDateTime,
  timezone: string,
): { dueAt: Date; dueAllDay: boolean } {
  const hourMs = 3_600_000;
  const nowMs = utcMillis(now.year, now.month - 1, now.day, now.hour, now.minute);
  let anchor = parts.time
    ? utcMillis(now.year, now.month - 1, now.day, parts.time.hour, parts.time.minute)
    : Math.ceil(nowMs / hourMs) * hourMs;
  const step = (parts.interval ?? 1) * hourMs;
  if (anchor < nowMs) anchor += Math.ceil((nowMs - anchor) / step) * step;
  const first = new Date(anchor);
  const date = {
    year: first.getUTCFullYear(),
    month: first.getUTCMonth() + 1,
    day: first.getUTCDate(),
  };
  const time = { hour: first.getUTCHours(), minute: first.getUTCMinutes() };
  return { dueAt: instantOf(date, time, timezone), dueAllDay: false };
}

function compareTime(a: LocalTime, b: LocalTime): number {
  return a.hour * 60 + a.minute - (b.hour * 60 + b.minute);
}
