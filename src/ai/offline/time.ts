/** Calendar arithmetic in the user's IANA timezone, on top of the shared zone helpers. */
import {
  addDays,
  daysInMonth,
  instantOf,
  utcMillis,
  wallClockAt,
  type LocalDate,
} from "../../modules/tasks/quick-add/zone.js";
import type { DueShift } from "./intent.types.js";

/** The first instant of the user's day containing `instant`, shifted by `dayOffset` days. */
export function startOfZonedDay(instant: Date, timezone: string, dayOffset = 0): Date {
  return instantOf(
    addDays(wallClockAt(instant, timezone), dayOffset),
    { hour: 0, minute: 0 },
    timezone,
  );
}

/** Whole calendar days from `from` to `to`, both read in `timezone`. */
export function calendarDaysBetween(from: Date, to: Date, timezone: string): number {
  const a = wallClockAt(from, timezone);
  const b = wallClockAt(to, timezone);
  const dayA = utcMillis(a.year, a.month - 1, a.day);
  const dayB = utcMillis(b.year, b.month - 1, b.day);
  return Math.round((dayB - dayA) / 86_400_000);
}

/**
 * `instant` moved by a shift: minutes and hours on the clock, days, weeks and months on the
 * calendar at the same wall-clock time (a month later on the 31st lands on the month's last day).
 */
export function shiftInstant(instant: Date, shift: DueShift, timezone: string): Date {
  if (shift.unit === "minute" || shift.unit === "hour") {
    const minutes = shift.unit === "hour" ? shift.amount * 60 : shift.amount;
    return new Date(instant.getTime() + minutes * 60_000);
  }
  const wall = wallClockAt(instant, timezone);
  let date: LocalDate;
  if (shift.unit === "month") {
    const months = wall.year * 12 + wall.month - 1 + shift.amount;
    const year = Math.floor(months / 12);
    const month = months - year * 12 + 1;
    date = { year, month, day: Math.min(wall.day, daysInMonth(year, month)) };
  } else {
    date = addDays(wall, shift.unit === "week" ? shift.amount * 7 : shift.amount);
  }
  return instantOf(date, { hour: wall.hour, minute: wall.minute }, timezone);
}

const WEEKDAYS = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

function clock(hour: number, minute: number): string {
  const suffix = hour < 12 ? "AM" : "PM";
  const h12 = hour % 12 === 0 ? 12 : hour % 12;
  return `${h12}:${String(minute).padStart(2, "0")} ${suffix}`;
}

/** "9 tonight", "7 tomorrow": an hour before a day word, which reads as a time only after "at". */
const HOUR_BEFORE_DAY =
  /^\d{1,2}(?::\d{2})?\s+(?:tonight|today|tomorrow|this (?:morning|afternoon|evening)|(?:on\s+|next\s+|this\s+)?(?:mon|tues|wednes|thurs|fri|satur|sun)day)$/i;

/** `when` with "at" before an hour that opens it ("9 tonight" → "at 9 tonight"), else as said. */
export function hourFirstAsTime(when: string): string {
  return HOUR_BEFORE_DAY.test(when.trim()) ? `at ${when.trim()}` : when;
}

/** The local time and date of `now`: "10:00 AM on Wednesday, Mar 11". */
export function formatNow(now: Date, timezone: string): string {
  const p = wallClockAt(now, timezone);
  return `${clock(p.hour, p.minute)} on ${WEEKDAYS[p.weekday] ?? ""}, ${MONTHS[p.month - 1] ?? ""} ${p.day}`;
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
  const p = wallClockAt(dueAt, timezone);
  const today = wallClockAt(now, timezone);
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

/** Hours of the day a task is plausibly set for: 6 AM to 11 PM, not the small hours. */
function plausibleHour(hour: number): boolean {
  return hour >= 6 && hour <= 23;
}

/** The reading of a bare hour with no task time to go by: 7–11 in the morning, 1–6 after noon. */
function defaultHour(hour: number): number {
  return hour === 12 || hour >= 7 ? hour : hour + 12;
}

/**
 * "move gym to 9", "… to 5:30": a clock hour said without AM or PM (1–12), as a due instant. A task due on
 * a later day keeps its day, at the reading nearer its own time (9 PM for one at 6 PM), or the
 * usual reading (9 AM, 3 PM) when it has none. A task due today or before, or undated, moves to
 * the next such hour from now that is not in the small hours (9 PM when it is 10 AM).
 */
export function bareHourDue(
  hour: number,
  task: { due_at: string | null; due_all_day: boolean },
  now: Date,
  timezone: string,
  minute = 0,
): Date {
  const readings = [hour % 12, (hour % 12) + 12].filter(plausibleHour);
  const due = task.due_at ? new Date(task.due_at) : null;
  if (due && due >= startOfZonedDay(now, timezone, 1)) {
    const day = wallClockAt(due, timezone);
    const nearest = task.due_all_day
      ? defaultHour(hour)
      : readings.reduce((best, reading) =>
          Math.abs(reading * 60 - (day.hour * 60 + day.minute)) <
          Math.abs(best * 60 - (day.hour * 60 + day.minute))
            ? reading
            : best,
        );
    return instantOf(day, { hour: nearest, minute }, timezone);
  }
  const today = wallClockAt(now, timezone);
  for (const reading of readings) {
    const at = instantOf(today, { hour: reading, minute }, timezone);
    if (at > now) return at;
  }
  return instantOf(addDays(today, 1), { hour: defaultHour(hour), minute }, timezone);
}
