import * as chrono from "chrono-node";
import { readByHourAsAt } from "./by-hour.js";
import { findNamedNights, type DayPart } from "./day-part.js";
import { findFixedDates, nextWeekday } from "./fixed-dates.js";
import { blank, type Span } from "./text.js";
import { findWorkTimes } from "./work-times.js";
import { TIMES_OF_DAY, parseClock } from "./words.js";
import {
  addDays,
  compareLocal,
  instantOf,
  type LocalDate,
  type LocalDateTime,
  type LocalTime,
} from "./zone.js";

/** A resolved date expression: where it was written and what it means. */
export interface DateMatch extends Span {
  dueAt: Date;
  dueAllDay: boolean;
  /** A second part written apart from the first ("tomorrow call mom at 5pm"). */
  partner: Span | null;
  /**
   * Several times written as a list ("take meds at 8am and 8pm"): a task has one due time, so
   * it is due at the first of them still to come, and the list stays in the title.
   */
  keepInTitle: boolean;
  /** Whether a day was written (not just a time): "friday", "tomorrow at 5", "in 2 hours". */
  dated: boolean;
}

/** How sure we are that a phrase is a date and not part of the title. */
type Confidence = "strong" | "weak" | "ambiguous";

interface Candidate extends Span {
  date: LocalDate | null;
  time: LocalTime | null;
  /** An exact instant ("in 2 hours"): no wall-clock arithmetic. */
  instant?: Date;
  /** A bare weekday rolls a week on when its time has passed today. */
  weekday?: boolean;
  confidence: Confidence;
}

// Words that let a weak phrase through: "by friday", "on sat", "at noon", "to next week".
const INTRODUCERS =
  /(?<![\p{L}\p{N}])(?:on|by|due|before|until|till|at|to|for|from|starting|this|next)\s+$/iu;
// Short forms that are also ordinary words ("enjoy the sun", "the SAT"): need an introducer.
const AMBIGUOUS_WORDS = new Set([
  "sun",
  "sat",
  "wed",
  "weds",
  "night",
  "morning",
  "afternoon",
  "evening",
  "midday",
]);
const TIME_WORD_TAG =
  /^casualReference\/(?<word>morning|afternoon|evening|night|tonight|noon|midnight)$/u;

const parser = chrono.casual;

/** A duration chrono reads as a date from now ("a day" → tomorrow) though no "in" says so. */
const BARE_DURATION = /^(?:for\s+)?(?:a|an|one)\s+(?:day|night|week|fortnight|month|year)$/u;

/** What else `findDate` should know about the text. */
export interface FindDateOptions {
  /** Words respelled from a slip ("fridy"): a phrase with one counts only where a weak one would. */
  slips?: readonly Span[];
  /** The part of the day the line's words point to ("dinner"): how to read "at 8". */
  dayPart?: DayPart;
}

/**
 * Finds the date expression to use in `scan` (quotes, tags and markers already blanked): our
 * fixed rules first, then chrono, both read in the user's timezone. Weak phrases (a bare
 * weekday, "noon", "at 7") count only at the end of the text or after an introducer such as
 * "by"/"on"/"at"; ambiguous ones ("sat", "evening") only after an introducer. When several
 * remain, the last one wins; a date and a time written side by side are combined.
 */
export function findDate(
  scan: string,
  now: Date,
  local: LocalDateTime,
  timezone: string,
  offset: number,
  options: FindDateOptions = {},
): DateMatch | null {
  const fixed = findFixedDates(scan, local);
  const workTimes = findWorkTimes(scan);
  // "movie night saturday at 8": chrono would read "night saturday at 8" as tonight at 8.
  const chronoScan = readByHourAsAt(
    blank(scan, [...fixed, ...workTimes, ...findNamedNights(scan)], "_"),
  );
  const candidates: Candidate[] = [
    ...fixed.map((match): Candidate => ({ ...match, time: null, confidence: "strong" })),
    ...workTimes.map((match): Candidate => ({ ...match, date: null, confidence: "strong" })),
  ];
  for (const result of parser.parse(
    chronoScan,
    { instant: now, timezone: offset },
    { forwardDate: true },
  )) {
    const candidate = fromChrono(result, scan, local, options.dayPart);
    if (candidate) candidates.push(candidate);
  }
  for (const candidate of candidates) {
    // "frday night lights" is a title as "friday night lights" might be: a slip is less sure.
    const slipped = options.slips?.some(
      (slip) => slip.start < candidate.end && candidate.start < slip.end,
    );
    if (slipped && candidate.confidence === "strong") candidate.confidence = "weak";
    // "walk in the evening": the article belongs to the time, not to the title.
    const lead = /(?<![\p{L}])(?:in|during)\s+the\s+$/iu.exec(
      scan.slice(Math.max(0, candidate.start - 12), candidate.start),
    );
    if (lead && candidate.confidence === "ambiguous") {
      candidate.start -= lead[0].length;
      candidate.confidence = "strong";
    }
  }
  const accepted = combineAdjacent(
    candidates.filter((candidate) => isAccepted(scan, candidate)).sort((a, b) => a.start - b.start),
    scan,
  );
  const chosen = accepted.at(-1);
  if (!chosen) return null;
  // "tomorrow call mom at 5pm": a lone time takes the date written earlier, and vice versa.
  const partner = chosen.instant
    ? undefined
    : accepted.findLast((other) =>
        chosen.date && !chosen.time
          ? !other.date && other.time && !other.instant
          : !chosen.date && chosen.time
            ? other.date && !other.time && !other.instant
            : false,
      );
  // "9am and 5pm tomorrow": the times listed first are on the day the last one names.
  const day = chosen.date ? chosen : partner;
  const withPartner = (candidate: Candidate): Candidate => ({
    ...candidate,
    date: candidate.date ?? day?.date ?? null,
    time: candidate.time ?? partner?.time ?? null,
    weekday: candidate.date ? candidate.weekday : day?.weekday,
  });
  const listed = timeList(accepted, scan);
  const resolved = listed
    .map((candidate) => resolve(withPartner(candidate), now, local, timezone))
    .reduce((earliest, next) => (next.dueAt < earliest.dueAt ? next : earliest));
  const keepInTitle = listed.length > 1;
  return {
    ...resolved,
    ...(keepInTitle ? { start: listed[0]?.start ?? chosen.start, end: chosen.end } : {}),
    partner: partner ? { start: partner.start, end: partner.end } : null,
    keepInTitle,
    dated: Boolean(chosen.date ?? chosen.instant ?? partner?.date),
  };
}

const LIST_JOIN = /^\s*(?:,\s*(?:and\s+|or\s+)?|\s+(?:and|or|&)\s+)(?:at\s+|@\s*)?$/iu;

/** The last candidate, with the times listed before it ("at 8am and 8pm"), in order. */
function timeList(accepted: readonly Candidate[], scan: string): Candidate[] {
  const timeOnly = (candidate: Candidate | undefined): candidate is Candidate =>
    Boolean(candidate && candidate.time && !candidate.date && !candidate.instant);
  let first = accepted.length - 1;
  const last = accepted[first];
  if (!last?.time || last.instant) return accepted.slice(first);
  for (; first > 0; first -= 1) {
    const previous = accepted[first - 1];
    const current = accepted[first];
    if (!timeOnly(previous) || !current) break;
    if (!LIST_JOIN.test(scan.slice(previous.end, current.start))) break;
  }
  return accepted.slice(first);
}

function fromChrono(
  result: chrono.ParsedResult,
  scan: string,
  local: LocalDateTime,
  dayPart: DayPart | undefined,
): Candidate | null {
  const start = result.start;
  const tags = result.tags();
  const span = trimSpan(result, scan);
  if (!span) return null;
  const text = scan.slice(span.start, span.end).toLowerCase();
  // "call it a day", "twice a day", "once a week": a length of time without "in" is no date.
  if (tags.has("result/relativeDate") && BARE_DURATION.test(text)) return null;
  if (tags.has("result/relativeDateAndTime")) {
    // "every 15 minutes" repeats; it is not "in 15 minutes" (no rule repeats by the minute).
    if (
      /(?<![\p{L}])(?:every|each)\s+$/iu.test(scan.slice(Math.max(0, span.start - 8), span.start))
    )
      return null;
    return { ...span, date: null, time: null, instant: start.date(), confidence: "strong" };
  }
  let period: string | undefined;
  for (const tag of tags) period = TIME_WORD_TAG.exec(tag)?.groups?.word ?? period;
  const time = span.bareNumber ? null : timeOf(start, text, period, dayPart);
  const hasDay = start.isCertain("day") || tags.has("result/relativeDate") || hasCasualDay(tags);
  let date: LocalDate | null = null;
  let weekday = false;
  if (hasDay) {
    date = chronoDate(start);
  } else if (start.isCertain("weekday")) {
    weekday = true;
    // "next friday" is strictly after today; "friday" / "this friday" may be today.
    const target = start.get("weekday") ?? 0;
    date = /\b(?:last|past|previous)\b/u.test(text)
      ? chronoDate(start)
      : nextWeekday(local, target);
    if (/\bnext\b/u.test(text) && target === local.weekday) date = addDays(date, 7);
  }
  // "this evening" is today even once the evening has begun.
  if (!date && time && /\bthis\b/u.test(text)) date = { ...local };
  // A month or year alone ("March of Dimes", "read 1984") is never a due date.
  if (!date && !time) return null;
  const confidence = confidenceOf(text, date, time, weekday);
  return { start: span.start, end: span.end, date, time, weekday, confidence };
}

/**
 * chrono's span, adjusted: a leading "on"/"at"/"by" is left to the connector rules (so
 * "log on friday" can keep its particle), "the" before "5th of may" joins the date, and a bare
 * number chrono took for an hour ("pay back $20 monday") is given back to the title.
 */
function trimSpan(
  result: chrono.ParsedResult,
  scan: string,
): (Span & { bareNumber: boolean }) | null {
  let start = result.index;
  let end = result.index + result.text.length;
  let text = result.text.toLowerCase();
  const hasClockMarker =
    /:|\d\s*[ap]\.?m\b|\b(?:noon|midnight|o'?clock)\b|(?:^|\s)(?:at|@)\s/u.test(text);
  const relative = [...result.tags()].some((tag) => tag.startsWith("result/relative"));
  const bareNumber = result.start.isCertain("hour") && !hasClockMarker && !relative;
  if (bareNumber) {
    const leading = /^\d{1,2}\s+/u.exec(text)?.[0].length ?? 0;
    const trailing = /\s+\d{1,2}$/u.exec(text)?.[0].length ?? 0;
    if (leading + trailing === 0) return null;
    start += leading;
    end -= trailing;
    text = text.slice(leading, text.length - trailing);
  }
  const lead = /^(?:on|at|by|@)\s+/u.exec(text)?.[0].length ?? 0;
  start += lead;
  if (/^\d{1,2}(?:st|nd|rd|th)\b/u.test(text.slice(lead))) {
    start -=
      /(?<![\p{L}])the\s+$/iu.exec(scan.slice(Math.max(0, start - 8), start))?.[0].length ?? 0;
  }
  return start < end ? { start, end, bareNumber } : null;
}

function hasCasualDay(tags: Set<string>): boolean {
  return ["today", "tonight", "tomorrow", "yesterday"].some((word) =>
    tags.has(`casualReference/${word}`),
  );
}

function chronoDate(components: chrono.ParsedComponents): LocalDate {
  return {
    year: components.get("year") ?? 1970,
    month: components.get("month") ?? 1,
    day: components.get("day") ?? 1,
  };
}

function timeOf(
  components: chrono.ParsedComponents,
  text: string,
  period: string | undefined,
  dayPart: DayPart | undefined,
): LocalTime | null {
  const word = period ? TIMES_OF_DAY[period] : undefined;
  if (!components.isCertain("hour") || !/\d/u.test(text)) return word ?? null;
  const hour = components.get("hour") ?? 0;
  const minute = components.get("minute") ?? 0;
  if (components.isCertain("meridiem")) return { hour, minute };
  // "at 7" and "7:30" have no am/pm: chrono says 07:00; the period word ("evening at 7"), else
  // the part of the day the other words point to ("dinner at 7"), else our heuristic decides.
  // A leading zero ("08:30") is a 24-hour clock.
  const hourText = /(?<!\d)0\d(?=:)/u.test(text) ? `0${hour}` : String(hour);
  const lean = period ?? dayPart;
  if (/:/u.test(text)) {
    return lean ? parseClock(hourText, String(minute), undefined, lean) : { hour, minute };
  }
  return parseClock(hourText, undefined, undefined, lean);
}

function confidenceOf(
  text: string,
  date: LocalDate | null,
  time: LocalTime | null,
  weekday: boolean,
): Confidence {
  const bare = text.trim();
  if (AMBIGUOUS_WORDS.has(bare)) return "ambiguous";
  // "at 7" (a number with no am/pm or minutes) and slashed numbers ("1/2 cup") are weak.
  if (/^(?:at\s+)?\d{1,2}$/u.test(bare) || /^\d{1,2}[/.-]\d{1,2}$/u.test(bare)) return "weak";
  if (weekday && !time && !/\b(?:this|next|last|on)\b/u.test(bare)) return "weak";
  if (!date && /^(?:at\s+)?(?:noon|midnight)$/u.test(bare)) return "weak";
  return "strong";
}

function isAccepted(scan: string, candidate: Candidate): boolean {
  const after = scan.slice(candidate.end);
  // "friday's meeting notes": a possessive is part of a name, not a due date.
  if (/^['’]s(?![\p{L}])/u.test(after)) return false;
  if (candidate.confidence === "strong") return true;
  const introduced = INTRODUCERS.test(
    scan.slice(Math.max(0, candidate.start - 16), candidate.start),
  );
  if (candidate.confidence === "ambiguous") return introduced;
  // Tags and priority markers are blanked with spaces, so "call mom friday #home" ends here.
  return introduced || /^[\s.,;:!?]*$/u.test(after);
}

/** Joins a date-only and a time-only candidate written side by side ("on the 1st at 9am"). */
function combineAdjacent(candidates: Candidate[], scan: string): Candidate[] {
  const combined: Candidate[] = [];
  for (const candidate of candidates) {
    const previous = combined.at(-1);
    const between = previous ? scan.slice(previous.end, candidate.start) : "";
    if (
      previous &&
      /^[\s,]*(?:at|@|on)?[\s,]*$/iu.test(between) &&
      !previous.instant &&
      !candidate.instant
    ) {
      const dateOnly =
        previous.date && !previous.time
          ? previous
          : candidate.date && !candidate.time
            ? candidate
            : null;
      const timeOnly =
        !previous.date && previous.time
          ? previous
          : !candidate.date && candidate.time
            ? candidate
            : null;
      if (dateOnly && timeOnly && dateOnly !== timeOnly) {
        combined[combined.length - 1] = {
          start: previous.start,
          end: candidate.end,
          date: dateOnly.date,
          time: timeOnly.time,
          weekday: dateOnly.weekday ?? false,
          confidence: "strong",
        };
        continue;
      }
    }
    combined.push(candidate);
  }
  return combined;
}

function resolve(
  candidate: Candidate,
  now: Date,
  local: LocalDateTime,
  timezone: string,
): Omit<DateMatch, "partner" | "keepInTitle" | "dated"> {
  const span = { start: candidate.start, end: candidate.end };
  if (candidate.instant) return { ...span, dueAt: candidate.instant, dueAllDay: false };
  const { time } = candidate;
  let date = candidate.date;
  if (!time)
    return {
      ...span,
      dueAt: instantOf(date ?? local, { hour: 0, minute: 0 }, timezone),
      dueAllDay: true,
    };
  if (!date) {
    // A time alone means today, or tomorrow once it has passed.
    date = compareLocal({ ...local, ...time }, local) > 0 ? local : addDays(local, 1);
  } else if (candidate.weekday && instantOf(date, time, timezone) <= now) {
    date = addDays(date, 7);
  }
  return { ...span, dueAt: instantOf(date, time, timezone), dueAllDay: false };
}
