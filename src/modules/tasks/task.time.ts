import { AppError } from "../../errors.js";
import { instantOf, isValidTimeZone, utcMillis, wallClockAt } from "./quick-add/zone.js";

/*
 * Wall times for recurrence. A "wall time" is a Date whose UTC fields hold the local date and
 * time (a floating time): recurrence is computed on wall times so that "every day at 9:00" stays
 * 9:00 local across daylight-saving changes. The zone arithmetic itself lives in quick-add/zone.
 */

const MINUTE_MS = 60_000;

/** Seconds and milliseconds of a timestamp: zone offsets are whole minutes, so they carry over. */
function subMinute(ms: number): number {
  return ((ms % MINUTE_MS) + MINUTE_MS) % MINUTE_MS;
}

/** The timezone itself, or a 422 `INVALID_TIMEZONE` when the runtime does not know it. */
export function requireTimezone(timezone: string): string {
  if (!isValidTimeZone(timezone)) {
    throw new AppError(
      422,
      "INVALID_TIMEZONE",
      `Unknown timezone "${timezone.slice(0, 64)}"; use an IANA name such as "Europe/Paris".`,
    );
  }
  return timezone;
}

/** The local date and time of `instant` in `timezone`, as a wall time. */
export function toWallTime(instant: Date, timezone: string): Date {
  const wall = wallClockAt(instant, timezone);
  const minute = utcMillis(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute);
  return new Date(minute + subMinute(instant.getTime()));
}

/**
 * The instant a wall time names in `timezone`. In an autumn overlap the earlier instant wins;
 * a time skipped by a spring-forward gap moves forward by the gap (02:30 → 03:30).
 */
export function fromWallTime(wall: Date, timezone: string): Date {
  const date = {
    year: wall.getUTCFullYear(),
    month: wall.getUTCMonth() + 1,
    day: wall.getUTCDate(),
  };
  const time = { hour: wall.getUTCHours(), minute: wall.getUTCMinutes() };
  return new Date(instantOf(date, time, timezone).getTime() + subMinute(wall.getTime()));
}

/** Local midnight, as an instant, of the calendar day `date` ("YYYY-MM-DD") in `timezone`. */
export function startOfLocalDate(date: string, timezone: string): Date {
  return fromWallTime(new Date(`${date}T00:00:00.000Z`), timezone);
}

/** The calendar date ("YYYY-MM-DD") of `instant` in `timezone`. */
export function localDateOf(instant: Date, timezone: string): string {
  return toWallTime(instant, timezone).toISOString().slice(0, 10);
}
