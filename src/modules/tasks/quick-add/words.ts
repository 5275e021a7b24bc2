import type { LocalTime } from "./zone.js";

/** Weekday spellings (full, short and common abbreviations) → 0 = Sunday … 6 = Saturday. */
export const WEEKDAYS: Readonly<Record<string, number>> = {
  sunday: 0,
  sun: 0,
  monday: 1,
  mon: 1,
  tuesday: 2,
  tue: 2,
  tues: 2,
  wednesday: 3,
  wed: 3,
  weds: 3,
  thursday: 4,
  thu: 4,
  thur: 4,
  thurs: 4,
  friday: 5,
  fri: 5,
  saturday: 6,
  sat: 6,
};

/** Alternation of every weekday spelling, longest first so a regex prefers "tuesday" to "tue". */
export const WEEKDAY_PATTERN = Object.keys(WEEKDAYS)
  .sort((a, b) => b.length - a.length)
  .join("|");

/** RFC 5545 BYDAY codes indexed by weekday number (0 = Sunday). */
export const BYDAY_CODES = ["SU", "MO", "TU", "WE", "TH", "FR", "SA"] as const;

/** Month spellings → 1–12. */
export const MONTHS: Readonly<Record<string, number>> = {
  january: 1,
  jan: 1,
  february: 2,
  feb: 2,
  march: 3,
  mar: 3,
  april: 4,
  apr: 4,
  may: 5,
  june: 6,
  jun: 6,
  july: 7,
  jul: 7,
  august: 8,
  aug: 8,
  september: 9,
  sept: 9,
  sep: 9,
  october: 10,
  oct: 10,
  november: 11,
  nov: 11,
  december: 12,
  dec: 12,
};

/** Alternation of every month spelling, longest first. */
export const MONTH_PATTERN = Object.keys(MONTHS)
  .sort((a, b) => b.length - a.length)
  .join("|");

/**
 * What a time-of-day word means. Documented choices: morning 09:00, afternoon 15:00,
 * evening 19:00, tonight / night 20:00, noon 12:00, midnight 00:00.
 */
export const TIMES_OF_DAY: Readonly<Record<string, LocalTime>> = {
  morning: { hour: 9, minute: 0 },
  afternoon: { hour: 15, minute: 0 },
  evening: { hour: 19, minute: 0 },
  tonight: { hour: 20, minute: 0 },
  night: { hour: 20, minute: 0 },
  noon: { hour: 12, minute: 0 },
  midday: { hour: 12, minute: 0 },
  midnight: { hour: 0, minute: 0 },
};

/** Small counts written as words ("every two weeks"). */
export const NUMBER_WORDS: Readonly<Record<string, number>> = {
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  eleven: 11,
  twelve: 12,
};

/** Parses "3" or "three"; null when it is neither. */
export function parseCount(token: string): number | null {
  const lowered = token.toLowerCase();
  if (/^\d{1,3}$/.test(lowered)) return Number(lowered);
  return NUMBER_WORDS[lowered] ?? null;
}

/**
 * Resolves an hour written without am/pm ("at 7", "at 3"). Documented heuristic: 1–6 are
 * afternoon (13:00–18:00), 7–11 morning, 12 noon; 0 and 13–23 are taken as written.
 */
export function resolveBareHour(hour: number): number {
  return hour >= 1 && hour <= 6 ? hour + 12 : hour;
}

const PM_PERIODS = new Set(["afternoon", "evening", "night", "tonight"]);

/**
 * Parses a clock time: "5pm", "5 pm", "10:30", "10:30am", "17:00", "7". Without am/pm, a
 * period word decides ("evening at 7" → 19:00, "morning at 7" → 07:00; "dinner" and "breakfast"
 * count as periods, see day-part.ts); failing that, a bare hour follows `resolveBareHour` and
 * "hh:mm" is read as a 24-hour clock, as is any hour written with a leading zero. Null when
 * invalid.
 */
export function parseClock(
  hourText: string,
  minuteText?: string,
  meridiem?: string,
  period?: string,
): LocalTime | null {
  let hour = Number(hourText);
  const minute = minuteText ? Number(minuteText) : 0;
  if (!Number.isInteger(hour) || minute > 59) return null;
  const suffix = meridiem?.toLowerCase().replace(/\./g, "");
  if (suffix === "am" || suffix === "a") {
    if (hour < 1 || hour > 12) return null;
    hour = hour === 12 ? 0 : hour;
  } else if (suffix === "pm" || suffix === "p") {
    if (hour < 1 || hour > 12) return null;
    hour = hour === 12 ? 12 : hour + 12;
  } else if (/^0\d$/u.test(hourText)) {
    // "08:30", "at 05": a leading zero is a 24-hour clock, whatever the words around it say.
  } else if (period !== undefined && hour >= 1 && hour < 12) {
    hour = PM_PERIODS.has(period.toLowerCase()) ? hour + 12 : hour;
  } else if (minuteText === undefined) {
    hour = resolveBareHour(hour);
  }
  return hour <= 23 ? { hour, minute } : null;
}

/** Regex source of a clock time with groups hour, minute, meridiem (needs the "u"/"i" flags). */
export const CLOCK_PATTERN =
  "(?<hour>\\d{1,2})(?::(?<minute>\\d{2}))?\\s*(?<meridiem>a\\.?m\\.?|p\\.?m\\.?)?";

/** Regex source of a time-of-day word. */
export const TIME_OF_DAY_PATTERN = Object.keys(TIMES_OF_DAY).join("|");
