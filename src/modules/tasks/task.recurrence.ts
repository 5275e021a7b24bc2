import rrulePackage from "rrule";
import { AppError } from "../../errors.js";
import { utcMillis } from "./quick-add/zone.js";
import { occurrenceAfter, RecurrenceTooComplexError } from "./task.recurrence-guard.js";
import { fromWallTime, toWallTime } from "./task.time.js";

// rrule ships CommonJS with a UMD wrapper: Node exposes its exports only as the default import.
const { RRule } = rrulePackage;

const WEEKDAY = "(?:MO|TU|WE|TH|FR|SA|SU)";
const list = (item: string) => new RegExp(`^${item}(?:,${item})*$`);
const signed = (digits: string) => `[+-]?${digits}`;

/** The grammar of every RRULE part we accept (RFC 5545 §3.3.10), value by value. */
const PART_PATTERNS: Record<string, RegExp> = {
  FREQ: /^(?:SECONDLY|MINUTELY|HOURLY|DAILY|WEEKLY|MONTHLY|YEARLY)$/,
  INTERVAL: /^[1-9]\d{0,3}$/,
  COUNT: /^[1-9]\d{0,3}$/,
  UNTIL: /^\d{8}(?:T\d{6}Z?)?$/,
  WKST: new RegExp(`^${WEEKDAY}$`),
  BYDAY: list(`(?:[+-]?(?:[1-9]|[1-4]\\d|5[0-3]))?${WEEKDAY}`),
  BYMONTHDAY: list(signed("(?:[1-9]|[12]\\d|3[01])")),
  BYMONTH: list("(?:[1-9]|1[0-2])"),
  BYYEARDAY: list(signed("(?:[1-9]\\d{0,1}|[12]\\d{2}|3[0-5]\\d|36[0-6])")),
  BYWEEKNO: list(signed("(?:[1-9]|[1-4]\\d|5[0-3])")),
  BYSETPOS: list(signed("(?:[1-9]\\d{0,1}|[12]\\d{2}|3[0-5]\\d|36[0-6])")),
  BYHOUR: list("(?:1?\\d|2[0-3])"),
  BYMINUTE: list("[1-5]?\\d"),
  BYSECOND: list("(?:[1-5]?\\d|60)"),
};

function invalid(detail: string): AppError {
  return new AppError(422, "INVALID_RECURRENCE", `Invalid recurrence rule: ${detail}`, {
    errors: [{ path: "recurrence", message: detail }],
  });
}

/**
 * Validates an RFC 5545 RRULE ("FREQ=WEEKLY;BYDAY=MO", an "RRULE:" prefix is allowed) and
 * returns it normalised (upper-case, no prefix); a 422 `INVALID_RECURRENCE` says what is wrong.
 * DTSTART and TZID are not accepted: a task's rule is anchored at its due date, in the user's zone.
 */
export function normalizeRecurrence(input: string): string {
  const rule = input
    .trim()
    .replace(/^RRULE:/i, "")
    .toUpperCase();
  if (!rule) throw invalid("the rule is empty.");
  if (rule.length > 500) throw invalid("the rule is longer than 500 characters.");
  const seen = new Set<string>();
  for (const part of rule.split(";")) {
    const eq = part.indexOf("=");
    const name = eq > 0 ? part.slice(0, eq) : part;
    const value = eq > 0 ? part.slice(eq + 1) : "";
    const pattern = PART_PATTERNS[name];
    if (!pattern) throw invalid(`unknown part "${name.slice(0, 40)}".`);
    if (seen.has(name)) throw invalid(`"${name}" appears twice.`);
    seen.add(name);
    if (!pattern.test(value)) throw invalid(`"${value.slice(0, 40)}" is not a valid ${name}.`);
  }
  if (!seen.has("FREQ")) throw invalid("FREQ is required (e.g. FREQ=WEEKLY).");
  if (seen.has("COUNT") && seen.has("UNTIL")) throw invalid("COUNT and UNTIL cannot both be set.");
  const impossible = impossibleMonthDay(rule);
  if (impossible) throw invalid(impossible);
  try {
    RRule.parseString(rule);
  } catch (error) {
    throw invalid(`${(error as Error).message}.`);
  }
  return rule;
}

/** Days in each month at most (February in a leap year). */
const MONTH_DAYS = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** Why BYMONTHDAY can never fall in BYMONTH ("February 30"), or null when some day can. */
function impossibleMonthDay(rule: string): string | null {
  const value = (name: string) => new RegExp(`(?:^|;)${name}=([^;]+)`).exec(rule)?.[1];
  const days = value("BYMONTHDAY")?.split(",").map(Number);
  if (!days) return null;
  const months = value("BYMONTH")?.split(",").map(Number);
  const longest = months ? Math.max(...months.map((month) => MONTH_DAYS[month - 1] ?? 31)) : 31;
  if (days.some((day) => Math.abs(day) <= longest)) return null;
  return "it never occurs: none of its months has the day it names (such as February 30).";
}

interface ParsedRule {
  parts: Map<string, string>;
  count: number | undefined;
}

function parseRule(rule: string): ParsedRule {
  const parts = new Map<string, string>();
  for (const part of rule.split(";")) {
    const [name = "", value = ""] = part.split("=");
    parts.set(name, value);
  }
  const count = parts.get("COUNT");
  return { parts, count: count === undefined ? undefined : Number(count) };
}

/** UNTIL as a wall time of the user's zone: UTC values are converted, dates include the whole day. */
function untilAsWallTime(until: string, timezone: string): Date {
  const y = Number(until.slice(0, 4));
  const m = Number(until.slice(4, 6)) - 1;
  const d = Number(until.slice(6, 8));
  if (until.length === 8) return new Date(utcMillis(y, m, d, 23, 59, 59, 999));
  const time = utcMillis(
    y,
    m,
    d,
    Number(until.slice(9, 11)),
    Number(until.slice(11, 13)),
    Number(until.slice(13, 15)),
  );
  return until.endsWith("Z") ? toWallTime(new Date(time), timezone) : new Date(time);
}

/**
 * The rule's first occurrence after `dtstart` (at it, when inclusive), over wall times and
 * without COUNT (counted by the caller); null when there is none. A 422 when it takes longer than
 * `occurrenceAfter` allows (a rule that never occurs would otherwise block for seconds).
 */
function nextWallOccurrence(
  parsed: ParsedRule,
  dtstart: Date,
  timezone: string,
  inclusive: boolean,
): Date | null {
  const rule = [...parsed.parts]
    .filter(([name]) => name !== "COUNT" && name !== "UNTIL")
    .map(([name, value]) => `${name}=${value}`)
    .join(";");
  const until = parsed.parts.get("UNTIL");
  try {
    return occurrenceAfter({
      rule,
      dtstart,
      until: until ? untilAsWallTime(until, timezone) : null,
      after: dtstart,
      inclusive,
    });
  } catch (error) {
    if (error instanceof RecurrenceTooComplexError) throw invalid(`${error.message}.`);
    throw error;
  }
}

/**
 * The first occurrence at or after `now` for a rule given without a due date: the rule is anchored
 * at the current local minute (or the top of the hour when it sets BYHOUR but not BYMINUTE, or
 * local midnight for all-day tasks). Null when the rule has no occurrence left.
 */
export function firstOccurrence(
  rule: string,
  now: Date,
  timezone: string,
  allDay: boolean,
): Date | null {
  const parsed = parseRule(rule);
  const anchor = toWallTime(now, timezone);
  anchor.setUTCSeconds(0, 0);
  if (allDay) anchor.setUTCHours(0, 0, 0, 0);
  else if (parsed.parts.has("BYHOUR") && !parsed.parts.has("BYMINUTE")) anchor.setUTCMinutes(0);
  const next = nextWallOccurrence(parsed, anchor, timezone, true);
  return next ? fromWallTime(next, timezone) : null;
}

/** Where a recurring task goes when it is completed. */
export interface Advance {
  dueAt: Date;
  /** The rule to store from now on (COUNT counts down the occurrences still to come). */
  recurrence: string;
}

/**
 * The occurrence after `currentDue`, computed on the user's wall clock so "every day at 9:00"
 * stays 9:00 local across DST. COUNT is the number of occurrences left including the current one:
 * it is decremented on each advance. Null when the rule has ended (the task then simply completes).
 */
export function advanceRecurrence(
  rule: string,
  currentDue: Date,
  timezone: string,
): Advance | null {
  const parsed = parseRule(rule);
  if (parsed.count !== undefined && parsed.count <= 1) return null;
  const next = nextWallOccurrence(parsed, toWallTime(currentDue, timezone), timezone, false);
  if (!next) return null;
  let recurrence = rule;
  if (parsed.count !== undefined) {
    parsed.parts.set("COUNT", String(parsed.count - 1));
    recurrence = [...parsed.parts].map(([name, value]) => `${name}=${value}`).join(";");
  }
  return { dueAt: fromWallTime(next, timezone), recurrence };
}
