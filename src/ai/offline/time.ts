/** Calendar arithmetic in the user's IANA timezone, with nothing but `Intl`. */

/** A wall-clock reading of an instant in one timezone. */
export interface ZonedParts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  /** 0 = Sunday … 6 = Saturday. */
  weekday: number;
}

const WEEKDAY_INDEX: Record<string, number> = {
  Sun: 0,
  Mon: 1,
  Tue: 2,
  Wed: 3,
  Thu: 4,
  Fri: 5,
  Sat: 6,
};

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timezone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timezone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat("en-US", {
      timeZone: timezone,
      hourCycle: "h23",
      year: "numeric",
      month: "numeric",
      day: "numeric",
      hour: "numeric",
      minute: "numeric",
      weekday: "short",
    });
    formatters.set(timezone, formatter);
  }
  return formatter;
}

/** True when `timezone` is an IANA name this runtime knows. */
export function isValidTimezone(timezone: string): boolean {
  try {
    formatterFor(timezone);
    return true;
  } catch {
    return false;
  }
}

/** The wall-clock parts of `instant` in `timezone`. */
export function zonedParts(instant: Date, timezone: string): ZonedParts {
  const parts: Record<string, string> = {};
  for (const part of formatterFor(timezone).formatToParts(instant)) parts[part.type] = part.value;
  return {
    year: Number(parts.year),
    month: Number(parts.month),
    day: Number(parts.day),
    hour: Number(parts.hour) % 24,
    minute: Number(parts.minute),
    weekday: WEEKDAY_INDEX[parts.weekday ?? "Sun"] ?? 0,
  };
}

/** The instant at which the wall clock in `timezone` reads the given local time. */
export function zonedTimeToInstant(
  timezone: string,
  year: number,
  month: number,
  day: number,
  hour = 0,
  minute = 0,
): Date {
  const wanted = Date.UTC(year, month - 1, day, hour, minute);
  // Two passes settle the offset, including on days when it changes.
  let guess = wanted;
  for (let pass = 0; pass < 2; pass++) {
    const seen = zonedParts(new Date(guess), timezone);
    const seenAsUtc = Date.UTC(seen.year, seen.month - 1, seen.day, seen.hour, seen.minute);
    guess += wanted - seenAsUtc;
  }
  return new Date(guess);
}

/** The first instant of the user's day containing `instant`, shifted by `dayOffset` days. */
export function startOfZonedDay(instant: Date, timezone: string, dayOffset = 0): Date {
  const p = zonedParts(instant, timezone);
  const shifted = new Date(Date.UTC(p.year, p.month - 1, p.day + dayOffset));
  return zonedTimeToInstant(
    timezone,
    shifted.getUTCFullYear(),
    shifted.getUTCMonth() + 1,
    shifted.getUTCDate(),
  );
}

/** Whole calendar days from `from` to `to`, both read in `timezone`. */
export function calendarDaysBetween(from: Date, to: Date, timezone: string): number {
  const a = zonedParts(from, timezone);
  const b = zonedParts(to, timezone);
  const dayA = Date.UTC(a.year, a.month - 1, a.day);
  const dayB = Date.UTC(b.year, b.month - 1, b.day);
  return Math.round((dayB - dayA) / 86_400_000);
}

const WEEKDAYS = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

function clock(hour: number, minute: number): string {
  const suffix = hour < 12 ? "AM" : "PM";
  const h12 = hour % 12 === 0 ? 12 : hour % 12;
  return `${h12}:${String(minute).padStart(2, "0")} ${suffix}`;
}

/**
 * A due date as a person says it, relative to `now`: "today", "tomorrow at 5:00 PM",
 * "Friday" (within a week), "Dec 24", "Jan 3, 2027". `short` abbreviates weekdays for lists.
 */
export function formatDue(
  dueAt: Date,
  allDay: boolean,
  now: Date,
  timezone: string,
  short = false,
): string {
  const p = zonedParts(dueAt, timezone);
  const today = zonedParts(now, timezone);
  const days = calendarDaysBetween(now, dueAt, timezone);
  let day: string;
  if (days === 0) day = "today";
  else if (days === 1) day = "tomorrow";
  else if (days === -1) day = "yesterday";
  else if (days > 1 && days < 7) {
    const name = WEEKDAYS[p.weekday] ?? "";
    day = short ? name.slice(0, 3) : name;
  } else {
    day = `${MONTHS[p.month - 1] ?? ""} ${p.day}`;
    if (p.year !== today.year) day += `, ${p.year}`;
  }
  return allDay ? day : `${day} at ${clock(p.hour, p.minute)}`;
}
