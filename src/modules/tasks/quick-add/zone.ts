/** A calendar day in the user's timezone (month 1–12). */
export interface LocalDate {
  year: number;
  month: number;
  day: number;
}

/** A wall-clock time of day (hour 0–23). */
export interface LocalTime {
  hour: number;
  minute: number;
}

/** A wall-clock date and time in the user's timezone, with the weekday (0 = Sunday). */
export interface LocalDateTime extends LocalDate, LocalTime {
  weekday: number;
}

/**
 * Milliseconds since the epoch of a UTC date and time, like `Date.UTC` (month 0–11, overflow
 * carries) but with years 0–99 kept as written: `Date.UTC(50, 0)` is 1950.
 */
export function utcMillis(
  year: number,
  month: number,
  day = 1,
  hour = 0,
  minute = 0,
  second = 0,
  millisecond = 0,
): number {
  const date = new Date(0);
  date.setUTCFullYear(year, month, day);
  date.setUTCHours(hour, minute, second, millisecond);
  return date.getTime();
}

// Building an Intl formatter costs far more than using one; one per zone is plenty.
const formatters = new Map<string, Intl.DateTimeFormat>();

/** True when `timezone` is an IANA zone this runtime knows (offsets such as "+02:00" are not). */
export function isValidTimeZone(timezone: string): boolean {
  // Newer runtimes accept offset zones in Intl; they are not IANA names and have no DST rules.
  if (!/^[A-Za-z][A-Za-z0-9_+\-/]*$/.test(timezone)) return false;
  try {
    formatterFor(timezone);
    return true;
  } catch {
    return false;
  }
}

/** The zone to compute in: the given one when valid, otherwise UTC (the parser never throws). */
export function resolveTimeZone(timezone: string): string {
  return isValidTimeZone(timezone) ? timezone : "UTC";
}

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
      second: "numeric",
    });
    formatters.set(timezone, formatter);
  }
  return formatter;
}

/** The wall clock in `timezone` at `instant` (seconds dropped). */
export function wallClockAt(instant: Date, timezone: string): LocalDateTime {
  const fields: Record<string, number> = {};
  for (const part of formatterFor(timezone).formatToParts(instant)) {
    if (part.type !== "literal") fields[part.type] = Number(part.value);
  }
  const year = fields.year ?? 1970;
  const month = fields.month ?? 1;
  const day = fields.day ?? 1;
  return {
    year,
    month,
    day,
    hour: (fields.hour ?? 0) % 24,
    minute: fields.minute ?? 0,
    weekday: new Date(utcMillis(year, month - 1, day)).getUTCDay(),
  };
}

/** Minutes east of UTC in `timezone` at `instant` (+330 for Asia/Kolkata). */
export function offsetMinutesAt(instant: Date, timezone: string): number {
  const wall = wallClockAt(instant, timezone);
  const asUtc = utcMillis(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute);
  const truncated = Math.floor(instant.getTime() / 60_000) * 60_000;
  return Math.round((asUtc - truncated) / 60_000);
}

/**
 * The instant at which the wall clock in `timezone` shows the given date and time. The offset
 * is looked up at the target moment (not at "now"), so DST changes in between are honoured.
 * A time skipped by a spring-forward gap moves forward by the gap; a repeated time takes the
 * first (daylight) occurrence.
 */
export function instantOf(date: LocalDate, time: LocalTime, timezone: string): Date {
  const wall = utcMillis(date.year, date.month - 1, date.day, time.hour, time.minute);
  const first = offsetMinutesAt(new Date(wall), timezone);
  const second = offsetMinutesAt(new Date(wall - first * 60_000), timezone);
  const offsets = first === second ? [first] : [first, second];
  const valid = offsets.filter(
    (offset) => offsetMinutesAt(new Date(wall - offset * 60_000), timezone) === offset,
  );
  // Overlap: the larger offset gives the earlier instant. Gap: the smaller one lands after it.
  const chosen = valid.length > 0 ? Math.max(...valid) : Math.min(...offsets);
  return new Date(wall - chosen * 60_000);
}

/** The date `days` after `date` (negative goes back), on the proleptic calendar. */
export function addDays(date: LocalDate, days: number): LocalDate {
  const shifted = new Date(utcMillis(date.year, date.month - 1, date.day + days));
  return {
    year: shifted.getUTCFullYear(),
    month: shifted.getUTCMonth() + 1,
    day: shifted.getUTCDate(),
  };
}

/** The weekday of a calendar date (0 = Sunday). */
export function weekdayOf(date: LocalDate): number {
  return new Date(utcMillis(date.year, date.month - 1, date.day)).getUTCDay();
}

/** Number of days in a month (month 1–12). */
export function daysInMonth(year: number, month: number): number {
  return new Date(utcMillis(year, month, 0)).getUTCDate();
}

/** Compares two wall-clock moments: negative when `a` is earlier. */
export function compareLocal(a: LocalDate & LocalTime, b: LocalDate & LocalTime): number {
  return (
    utcMillis(a.year, a.month - 1, a.day, a.hour, a.minute) -
    utcMillis(b.year, b.month - 1, b.day, b.hour, b.minute)
  );
}
