import { BYDAY_CODES, MONTH_PATTERN, MONTHS, TIMES_OF_DAY, WEEKDAYS, parseCount } from "./words.js";
import type { LocalTime } from "./zone.js";

/** A recurrence rule taken apart, as the phrases say it. */
export interface RuleParts {
  freq: "HOURLY" | "DAILY" | "WEEKLY" | "MONTHLY" | "YEARLY";
  interval?: number;
  byDay?: number[];
  /** Which one of `byDay` in the month: 2 for "every 2nd tuesday", -1 for "every last friday". */
  byDayNth?: number;
  byMonth?: number;
  byMonthDay?: number[];
  time?: LocalTime;
  /** Every hour of the day it happens at, when more than one ("at 8am and 8pm"), same minute. */
  hours?: number[];
  /** The period word ("evening") the time came from, if any. */
  period?: string;
}

// "every 3rd friday" is the third Friday of the month, as in Todoist.
const NTH_OF_MONTH: Readonly<Record<string, number>> = {
  "1st": 1,
  first: 1,
  "2nd": 2,
  second: 2,
  "3rd": 3,
  third: 3,
  "4th": 4,
  fourth: 4,
  last: -1,
};
const NTH_INTERVAL: Readonly<Record<string, number>> = {
  second: 2,
  "2nd": 2,
  third: 3,
  "3rd": 3,
  fourth: 4,
  "4th": 4,
};

/** The rule an adverb says: "daily", "bi-weekly", "annually". */
export function adverbParts(adverb: string): RuleParts | null {
  if (adverb === "hourly") return { freq: "HOURLY" };
  if (adverb === "daily") return { freq: "DAILY" };
  if (adverb === "weekly") return { freq: "WEEKLY" };
  if (adverb === "fortnightly" || adverb === "biweekly" || adverb === "bi-weekly")
    return { freq: "WEEKLY", interval: 2 };
  if (adverb === "monthly") return { freq: "MONTHLY" };
  return { freq: "YEARLY" };
}

const UNIT_FREQ = {
  hour: "HOURLY",
  hr: "HOURLY",
  day: "DAILY",
  week: "WEEKLY",
  month: "MONTHLY",
  year: "YEARLY",
} as const;

function unitFreq(unit: string): RuleParts["freq"] {
  const singular = unit.toLowerCase().replace(/s$/, "") as keyof typeof UNIT_FREQ;
  return UNIT_FREQ[singular];
}

/** The rule a phrase after "every" says, from the named groups of its match. */
export function bodyParts(groups: Record<string, string | undefined>): RuleParts | null {
  if (groups.otherUnit)
    return { freq: unitFreq(groups.otherUnit.split(/\s+/)[1] ?? ""), interval: 2 };
  if (groups.otherDays) return { freq: "WEEKLY", interval: 2, byDay: weekdaysOf(groups.otherDays) };
  if (groups.count && groups.countUnit) {
    const count = parseCount(groups.count);
    if (!count || count < 1) return null;
    return { freq: unitFreq(groups.countUnit), interval: count };
  }
  if (groups.nth && groups.nthUnit) {
    return {
      freq: unitFreq(groups.nthUnit),
      interval: NTH_INTERVAL[groups.nth.toLowerCase()] ?? 2,
    };
  }
  if (groups.nthOfMonth && groups.nthWeekday) {
    return {
      freq: "MONTHLY",
      byDay: weekdaysOf(groups.nthWeekday),
      byDayNth: NTH_OF_MONTH[groups.nthOfMonth.toLowerCase()] ?? 1,
    };
  }
  if (groups.weekdays) return { freq: "WEEKLY", byDay: [1, 2, 3, 4, 5] };
  if (groups.weekends) return { freq: "WEEKLY", byDay: [6, 0] };
  if (groups.unit) return { freq: unitFreq(groups.unit) };
  if (groups.lastDay) return { freq: "MONTHLY", byMonthDay: [-1] };
  if (groups.monthDay) return monthDayParts(groups.monthDay);
  if (groups.ordinals) return ordinalParts(groups.ordinals);
  if (groups.days) return { freq: "WEEKLY", byDay: weekdaysOf(groups.days) };
  if (groups.timeWord) {
    const time = TIMES_OF_DAY[groups.timeWord.toLowerCase()];
    return time ? { freq: "DAILY", time, period: groups.timeWord } : null;
  }
  return null;
}

/** Weekday numbers (0 = Sunday) named in "mon, wed and fri". */
export function weekdaysOf(list: string): number[] {
  const found = new Set<number>();
  for (const word of list.toLowerCase().split(/[^a-z]+/)) {
    const weekday = WEEKDAYS[word] ?? WEEKDAYS[word.replace(/s$/, "")];
    if (weekday !== undefined) found.add(weekday);
  }
  return [...found];
}

/** A monthly rule on the days of "the 1st and 15th"; null when a day is out of range. */
export function ordinalParts(list: string): RuleParts | null {
  const days = [...list.matchAll(/\d{1,2}/g)].map((match) => Number(match[0]));
  if (days.length === 0 || days.some((day) => day < 1 || day > 31)) return null;
  return { freq: "MONTHLY", byMonthDay: [...new Set(days)].sort((a, b) => a - b) };
}

const MAX_MONTH_DAYS = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** A yearly rule on "jan 5" / "5th of january"; null when that day never occurs. */
export function monthDayParts(text: string): RuleParts | null {
  const lowered = text.toLowerCase();
  const monthWord = new RegExp(MONTH_PATTERN).exec(lowered)?.[0];
  const day = Number(/\d{1,2}/.exec(lowered)?.[0]);
  const month = monthWord ? MONTHS[monthWord] : undefined;
  // Feb 29 exists only in leap years, which RRULE handles; day 30 of February never does.
  if (!month || !(day >= 1 && day <= (MAX_MONTH_DAYS[month - 1] ?? 0))) return null;
  return { freq: "YEARLY", byMonth: month, byMonthDay: [day] };
}

/** Serialises rule parts as an RFC 5545 RRULE value (no "RRULE:" prefix, no DTSTART). */
export function toRrule(parts: RuleParts): string {
  const fields = [`FREQ=${parts.freq}`];
  if (parts.interval && parts.interval > 1) fields.push(`INTERVAL=${parts.interval}`);
  if (parts.byMonth) fields.push(`BYMONTH=${parts.byMonth}`);
  if (parts.byMonthDay) fields.push(`BYMONTHDAY=${parts.byMonthDay.join(",")}`);
  if (parts.byDay && parts.byDay.length > 0) {
    // Monday-first order, as calendars print it.
    const ordered = [...parts.byDay].sort((a, b) => ((a + 6) % 7) - ((b + 6) % 7));
    const nth = parts.byDayNth ?? "";
    fields.push(`BYDAY=${ordered.map((day) => `${nth}${BYDAY_CODES[day]}`).join(",")}`);
  }
  // An hourly rule's time is where its series starts (the task's due), not a filter on it.
  if (parts.time && parts.freq !== "HOURLY") {
    const hours = parts.hours ?? [parts.time.hour];
    fields.push(`BYHOUR=${hours.join(",")}`, `BYMINUTE=${parts.time.minute}`);
  }
  return fields.join(";");
}

/**
 * The hours of several times of day, when one rule can say them all: "at 8am and 8pm" is
 * BYHOUR=8,20;BYMINUTE=0. Null when their minutes differ ("8am and 8:30pm" would need four
 * combinations of BYHOUR and BYMINUTE).
 */
export function hoursOf(times: readonly LocalTime[]): number[] | null {
  const minute = times[0]?.minute;
  if (minute === undefined || times.some((time) => time.minute !== minute)) return null;
  return [...new Set(times.map((time) => time.hour))].sort((a, b) => a - b);
}
