import type { DayPart } from "./day-part.js";
import { hoursOf } from "./recurrence-parts.js";
import { parseClock } from "./words.js";
import type { Span } from "./text.js";
import type { LocalTime } from "./zone.js";

/** A time of day written apart from its recurrence ("team standup 9am daily"). */
export interface RecurrenceTime extends Span {
  time: LocalTime;
  /** Every hour, when a list of times was written ("at 7am and 7pm daily"). */
  hours?: number[];
}

const START = "(?<![\\p{L}\\p{N}])";
const END = "(?![\\p{L}\\p{N}])";
const MERIDIEM = "(?<meridiem>a\\.?m\\.?|p\\.?m\\.?)";

// Unmistakable anywhere: "9am", "at 9:30", "at noon" ("daily standup at 9am").
const CLEAR_TIME = new RegExp(
  `${START}(?:(?:at|@)\\s+)?(?<hour>\\d{1,2})(?::(?<minute>[0-5]\\d))?\\s*${MERIDIEM}(?![\\p{L}\\p{N}.])|${START}(?:at|@)\\s+(?:(?<hour2>\\d{1,2}):(?<minute2>[0-5]\\d)|(?<word>noon|midday|midnight))${END}`,
  "giu",
);
// Right before the rule only ("meeting at 10 every monday"): elsewhere "at 10" may be a place in
// a list. A bare "9:30" without "at" is never taken: it may be a verse or a score ("read john
// 3:16 daily", "psalm 23:45").
const TIME_BEFORE_RULE =
  /(?<![\p{L}\p{N}])(?:at|@)\s+(?<hour>\d{1,2})(?::(?<minute>[0-5]\d))?(?=[\s,]+$)/iu;

// "daily standup at 10": a clock time that ends the text, after the rule, as a lone time would.
const TIME_AT_END =
  /(?<![\p{L}\p{N}])(?:at|@)\s+(?<hour>\d{1,2})(?::(?<minute>[0-5]\d))?(?=[\s.,;:!?]*$)/iu;

const WORD_TIMES: Readonly<Record<string, LocalTime>> = {
  noon: { hour: 12, minute: 0 },
  midday: { hour: 12, minute: 0 },
  midnight: { hour: 0, minute: 0 },
};

/**
 * The time of a recurrence that has none after it: a clock time just before the rule, or one
 * clear time ("9am", "at 9:30", "at noon") elsewhere in the text; null when there is none or
 * several clear ones (which one would the rule take?).
 */
export function findRecurrenceTime(
  scan: string,
  rule: Span,
  dayPart?: DayPart,
): RecurrenceTime | null {
  const from = Math.max(0, rule.start - 24);
  const before = TIME_BEFORE_RULE.exec(scan.slice(from, rule.start));
  if (before?.groups) {
    const time = parseClock(before.groups.hour ?? "", before.groups.minute, undefined, dayPart);
    const start = from + before.index;
    if (time) return { start, end: start + before[0].length, time };
  }
  const clear = [...scan.matchAll(CLEAR_TIME)].filter(
    (match) => match.index + match[0].length <= rule.start || match.index >= rule.end,
  );
  const first = clear[0];
  const last = clear.at(-1);
  if (!first || !last) return timeAtEnd(scan, rule, dayPart);
  // Several clear times count only as one list ("at 7am and 7pm daily"): which one would the
  // rule take otherwise?
  for (let index = 1; index < clear.length; index += 1) {
    const previous = clear[index - 1];
    const current = clear[index];
    if (!previous || !current) return null;
    const between = scan.slice(previous.index + previous[0].length, current.index);
    if (!TIME_LIST_JOIN.test(between)) return null;
  }
  const times: LocalTime[] = [];
  for (const match of clear) {
    const time = clearTime(match.groups ?? {}, dayPart);
    if (!time) return null;
    times.push(time);
  }
  const hours = times.length > 1 ? hoursOf(times) : null;
  const [time] = times;
  if (!time || (times.length > 1 && !hours)) return null;
  const found = { start: first.index, end: last.index + last[0].length, time };
  return hours ? { ...found, hours } : found;
}

function timeAtEnd(scan: string, rule: Span, dayPart: DayPart | undefined): RecurrenceTime | null {
  const from = rule.end;
  const match = TIME_AT_END.exec(scan.slice(from));
  if (!match?.groups) return null;
  const time = parseClock(match.groups.hour ?? "", match.groups.minute, undefined, dayPart);
  const start = from + match.index;
  return time ? { start, end: start + match[0].length, time } : null;
}

const TIME_LIST_JOIN = /^\s*(?:,\s*(?:and\s+)?|\s+(?:and|&)\s+)$/iu;

function clearTime(
  groups: Record<string, string | undefined>,
  dayPart: DayPart | undefined,
): LocalTime | null {
  const { hour, minute, meridiem, hour2, minute2, word } = groups;
  if (word) return WORD_TIMES[word.toLowerCase()] ?? null;
  if (hour) return parseClock(hour, minute, meridiem, dayPart);
  return parseClock(hour2 ?? "", minute2, undefined, dayPart);
}
