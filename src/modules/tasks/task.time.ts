import { AppError } from "../../errors.js";

/*
 * Wall-clock helpers for one IANA timezone. A "wall time" is a Date whose UTC fields hold the
 * local date and time (a floating time): recurrence is computed on wall times so that
 * "every day at 9:00" stays 9:00 local across daylight-saving changes.
 */

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timezone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timezone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat("en-US", {
      timeZone: timezone,
      hourCycle: "h23",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
    });
    formatters.set(timezone, formatter);
  }
  return formatter;
}

/** True when `timezone` is an IANA name the runtime knows (offsets such as "+02:00" are not). */
export function isKnownTimezone(timezone: string): boolean {
  if (!/^[A-Za-z][A-Za-z0-9_+\-/]*$/.test(timezone)) return false;
  try {
    formatterFor(timezone);
    return true;
  } catch {
    return false;
  }
}

/** The timezone itself, or a 422 `INVALID_TIMEZONE` when the runtime does not know it. */
export function requireTimezone(timezone: string): string {
  if (!isKnownTimezone(timezone)) {
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
  const parts: Record<string, number> = {};
  for (const part of formatterFor(timezone).formatToParts(instant)) {
    if (part.type !== "literal") parts[part.type] = Number(part.value);
  }
  return new Date(
    Date.UTC(
      parts.year ?? 1970,
      (parts.month ?? 1) - 1,
      parts.day ?? 1,
      parts.hour ?? 0,
      parts.minute ?? 0,
      parts.second ?? 0,
      instant.getUTCMilliseconds(),
    ),
  );
}

function offsetAt(instant: number, timezone: string): number {
  return toWallTime(new Date(instant), timezone).getTime() - instant;
}

const DAY_MS = 86_400_000;

/**
 * The instant a wall time names in `timezone`. In an autumn overlap the earlier instant wins;
 * a time skipped by a spring-forward gap moves forward by the gap (02:30 → 03:30).
 */
export function fromWallTime(wall: Date, timezone: string): Date {
  const local = wall.getTime();
  const before = offsetAt(local - DAY_MS, timezone);
  const after = offsetAt(local + DAY_MS, timezone);
  const candidates = [local - before, local - after]
    .filter((instant) => offsetAt(instant, timezone) + instant === local)
    .sort((a, b) => a - b);
  return new Date(candidates[0] ?? local - before);
}

/** Local midnight, as an instant, of the calendar day `date` ("YYYY-MM-DD") in `timezone`. */
export function startOfLocalDate(date: string, timezone: string): Date {
  return fromWallTime(new Date(`${date}T00:00:00.000Z`), timezone);
}

/** Local midnight, as an instant, of the day `instant` falls on in `timezone`. */
export function startOfLocalDay(instant: Date, timezone: string): Date {
  const wall = toWallTime(instant, timezone);
  wall.setUTCHours(0, 0, 0, 0);
  return fromWallTime(wall, timezone);
}

/** The calendar date ("YYYY-MM-DD") of `instant` in `timezone`. */
export function localDateOf(instant: Date, timezone: string): string {
  return toWallTime(instant, timezone).toISOString().slice(0, 10);
}
