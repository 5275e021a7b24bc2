import { MONTH_PATTERN } from "./words.js";
import { addDays, daysInMonth, type LocalDate, type LocalDateTime } from "./zone.js";

/** A date phrase our own rules recognise, with where it was written. */
export interface FixedDateMatch {
  start: number;
  end: number;
  date: LocalDate;
}

type Rule = [
  pattern: RegExp,
  resolve: (today: LocalDateTime, match: RegExpExecArray) => LocalDate | null,
];

const END = "(?![\\p{L}\\p{N}])";
const START = "(?<![\\p{L}\\p{N}])";

/** The next date (today counts) whose weekday is `weekday`. */
export function nextWeekday(today: LocalDate & { weekday: number }, weekday: number): LocalDate {
  return addDays(today, (weekday - today.weekday + 7) % 7);
}

/** The next day-of-month `day` (today counts), skipping months too short to have it. */
export function nextMonthDay(today: LocalDate, day: number): LocalDate | null {
  if (day < 1 || day > 31) return null;
  let { year, month } = today;
  if (day < today.day) month += 1;
  for (let tries = 0; tries < 13; tries += 1) {
    if (month > 12) {
      month = 1;
      year += 1;
    }
    if (day <= daysInMonth(year, month)) return { year, month, day };
    month += 1;
  }
  return null;
}

/**
 * Phrases chrono reads differently from Todoist, so we resolve them ourselves:
 * "next week" → next Monday; "next month" → the 1st of next month; "next year" → Jan 1;
 * "this/next weekend" → the coming Saturday (today on a weekend day); "end of week" → Friday
 * (today counts); "end of month" / "eom"; "end of year"; "the 15th" / "on the 1st" → next such
 * day of a month (today counts); "tomorow", "tommorow", "2moro" and other slips of "tomorrow"
 * (chrono knows only the right spelling, "tmr" and "tmrw"). All are all-day.
 */
const RULES: Rule[] = [
  [
    new RegExp(
      // Not in a web or email address ("tomorow.com", "sam@2moro.io").
      `(?<![\\p{L}\\p{N}@./_-])(?:tomorow|tommorow|tommorrow|tomorrrow|tmorrow|tomrrow|tomorro|2moro|2morow|2morro|2morrow)(?![\\p{L}\\p{N}@/_-]|\\.[\\p{L}\\p{N}])`,
      "giu",
    ),
    (today) => addDays(today, 1),
  ],
  [
    new RegExp(`${START}next\\s+week${END}`, "giu"),
    (today) => addDays(today, today.weekday === 1 ? 7 : (8 - today.weekday) % 7),
  ],
  [
    new RegExp(`${START}next\\s+month${END}`, "giu"),
    (today) =>
      today.month === 12
        ? { year: today.year + 1, month: 1, day: 1 }
        : { year: today.year, month: today.month + 1, day: 1 },
  ],
  [
    new RegExp(`${START}next\\s+year${END}`, "giu"),
    (today) => ({ year: today.year + 1, month: 1, day: 1 }),
  ],
  [
    new RegExp(`${START}(?:this|next|the)\\s+weekend${END}`, "giu"),
    (today) => (today.weekday === 0 ? { ...today } : nextWeekday(today, 6)),
  ],
  [
    new RegExp(`${START}end\\s+of\\s+(?:the\\s+|this\\s+)?week${END}`, "giu"),
    (today) => nextWeekday(today, 5),
  ],
  [
    new RegExp(`${START}(?:end\\s+of\\s+(?:the\\s+|this\\s+)?month|eom)${END}`, "giu"),
    (today) => ({
      year: today.year,
      month: today.month,
      day: daysInMonth(today.year, today.month),
    }),
  ],
  [
    new RegExp(`${START}end\\s+of\\s+(?:the\\s+|this\\s+)?year${END}`, "giu"),
    (today) => ({ year: today.year, month: 12, day: 31 }),
  ],
  [
    // "the 5th of may" is a calendar date, left to chrono.
    new RegExp(
      `${START}(?:(?:on|by)\\s+)?the\\s+(?<day>\\d{1,2})(?:st|nd|rd|th)(?:\\s+of\\s+(?:the|this)\\s+month)?${END}(?!\\s+(?:of\\s+)?(?:${MONTH_PATTERN})${END})`,
      "giu",
    ),
    (today, match) => nextMonthDay(today, Number(match.groups?.day)),
  ],
];

/** Every phrase our fixed rules recognise in `scan`, in order of position. */
export function findFixedDates(scan: string, today: LocalDateTime): FixedDateMatch[] {
  const found: FixedDateMatch[] = [];
  for (const [pattern, resolve] of RULES) {
    pattern.lastIndex = 0;
    for (let match = pattern.exec(scan); match; match = pattern.exec(scan)) {
      const date = resolve(today, match);
      if (date) found.push({ start: match.index, end: match.index + match[0].length, date });
    }
  }
  return found.sort((a, b) => a.start - b.start);
}
