/** Dates shown in the user's own timezone (the one the server uses to read "tomorrow 5pm"). */

interface Parts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
}

const partsFormatters = new Map<string, Intl.DateTimeFormat>();

function partsIn(date: Date, timeZone: string): Parts {
  let formatter = partsFormatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
    });
    partsFormatters.set(timeZone, formatter);
  }
  const out: Record<string, number> = {};
  for (const part of formatter.formatToParts(date)) {
    if (part.type !== "literal") out[part.type] = Number(part.value);
  }
  return {
    year: out.year ?? 1970,
    month: out.month ?? 1,
    day: out.day ?? 1,
    hour: (out.hour ?? 0) % 24,
    minute: out.minute ?? 0,
  };
}

/** Whether `timeZone` is an IANA name this browser knows. */
export function isValidTimeZone(timeZone: string): boolean {
  try {
    new Intl.DateTimeFormat("en-US", { timeZone });
    return true;
  } catch {
    return false;
  }
}

/** The browser's own IANA timezone ("UTC" when it cannot tell). */
export function browserTimeZone(): string {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone || "UTC";
  } catch {
    return "UTC";
  }
}

/** The calendar day of an instant in a timezone, as a sortable "YYYY-MM-DD". */
export function dayKey(date: Date, timeZone: string): string {
  const p = partsIn(date, timeZone);
  return `${String(p.year)}-${String(p.month).padStart(2, "0")}-${String(p.day).padStart(2, "0")}`;
}

function daysBetween(fromKey: string, toKey: string): number {
  return Math.round(
    (Date.parse(`${toKey}T00:00:00Z`) - Date.parse(`${fromKey}T00:00:00Z`)) / 86_400_000,
  );
}

/** The instant a wall-clock time in a timezone happens (DST-safe to within the skipped hour). */
export function zonedToInstant(parts: Parts, timeZone: string): Date {
  const wall = Date.UTC(parts.year, parts.month - 1, parts.day, parts.hour, parts.minute);
  let guess = wall;
  for (let i = 0; i < 3; i++) {
    const seen = partsIn(new Date(guess), timeZone);
    const seenWall = Date.UTC(seen.year, seen.month - 1, seen.day, seen.hour, seen.minute);
    const diff = wall - seenWall;
    if (diff === 0) break;
    guess += diff;
  }
  return new Date(guess);
}

/** Midnight starting the day `offsetDays` after the one `now` is in. */
export function startOfDay(now: Date, timeZone: string, offsetDays = 0): Date {
  const key = dayKey(now, timeZone);
  const base = new Date(Date.parse(`${key}T00:00:00Z`) + offsetDays * 86_400_000);
  return zonedToInstant(
    {
      year: base.getUTCFullYear(),
      month: base.getUTCMonth() + 1,
      day: base.getUTCDate(),
      hour: 0,
      minute: 0,
    },
    timeZone,
  );
}

/** Options of the formatting helpers. */
export interface FormatOptions {
  now?: Date;
  timeZone: string;
  locale?: string;
}

/** "5:00 PM" in the user's timezone. */
export function formatTime(date: Date, { timeZone, locale }: FormatOptions): string {
  return new Intl.DateTimeFormat(locale ?? "en-US", {
    timeZone,
    hour: "numeric",
    minute: "2-digit",
  }).format(date);
}

/** "today", "tomorrow", "yesterday", "Friday", "Mar 5" or "Mar 5, 2027", relative to now. */
export function formatDay(date: Date, options: FormatOptions): string {
  const now = options.now ?? new Date();
  const diff = daysBetween(dayKey(now, options.timeZone), dayKey(date, options.timeZone));
  if (diff === 0) return "today";
  if (diff === 1) return "tomorrow";
  if (diff === -1) return "yesterday";
  const locale = options.locale ?? "en-US";
  if (diff > 1 && diff < 7) {
    return new Intl.DateTimeFormat(locale, { timeZone: options.timeZone, weekday: "long" }).format(
      date,
    );
  }
  const sameYear =
    dayKey(date, options.timeZone).slice(0, 4) === dayKey(now, options.timeZone).slice(0, 4);
  return new Intl.DateTimeFormat(locale, {
    timeZone: options.timeZone,
    month: "short",
    day: "numeric",
    ...(sameYear ? {} : { year: "numeric" }),
  }).format(date);
}

/** A due date as people say it: "tomorrow 5:00 PM", or just "Friday" for an all-day task. */
export function formatDue(iso: string, allDay: boolean, options: FormatOptions): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return "";
  const day = formatDay(date, options);
  return allDay ? day : `${day} ${formatTime(date, options)}`;
}

/** Whether an open task's due moment (or, all-day, its whole day) has passed. */
export function isOverdue(
  task: { completed: boolean; due_at: string | null; due_all_day: boolean },
  options: FormatOptions,
): boolean {
  if (task.completed || !task.due_at) return false;
  const now = options.now ?? new Date();
  const due = new Date(task.due_at);
  if (task.due_all_day) return dayKey(due, options.timeZone) < dayKey(now, options.timeZone);
  return due.getTime() < now.getTime();
}

/** The value of an `<input type="datetime-local">` showing an instant in the user's timezone. */
export function toDateTimeLocal(iso: string | null, timeZone: string): string {
  if (!iso) return "";
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return "";
  const p = partsIn(date, timeZone);
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${String(p.year)}-${pad(p.month)}-${pad(p.day)}T${pad(p.hour)}:${pad(p.minute)}`;
}

/** The ISO instant of a `datetime-local` value read in the user's timezone; null when empty or invalid. */
export function fromDateTimeLocal(value: string, timeZone: string): string | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})/.exec(value);
  if (!match) return null;
  const [, y, mo, d, h, mi] = match.map(Number) as [number, number, number, number, number, number];
  return zonedToInstant(
    { year: y, month: mo, day: d, hour: h, minute: mi },
    timeZone,
  ).toISOString();
}

/** "just now", "5 min ago", "3 h ago", "yesterday", "Mar 5" — for lists. */
export function formatRelative(iso: string, options: FormatOptions): string {
  const now = options.now ?? new Date();
  const date = new Date(iso);
  const seconds = Math.round((now.getTime() - date.getTime()) / 1000);
  if (seconds < 45) return "just now";
  if (seconds < 3600) return `${String(Math.round(seconds / 60))} min ago`;
  if (seconds < 86_400 && dayKey(now, options.timeZone) === dayKey(date, options.timeZone)) {
    return `${String(Math.round(seconds / 3600))} h ago`;
  }
  return formatDay(date, options);
}
