/**
 * The Quick Add grammar, in the spirit of Todoist: "pay rent every 1st p1 #home" becomes a task.
 * Pure (no I/O); shared by `POST /api/tasks/quick-add` and the offline chat assistant.
 *
 * Behaviour choices (see the tests for the full list):
 * - Dates are read in the user's IANA timezone; an unknown zone is read as UTC.
 * - A date without a time is all-day: `dueAt` is local midnight of that day, `dueAllDay` true.
 * - A bare weekday is its next occurrence, today included ("friday" on a Friday is today);
 *   "next friday" is strictly after today. With a time that has already passed today, a week on.
 * - A time alone is today, or tomorrow once it has passed. "at 7" without am/pm: 1–6 → pm,
 *   7–11 → am, unless the words say otherwise: "dinner", "drinks", "party", "movie", "concert",
 *   "tonight", "game night"… make 7–11 pm ("dinner friday at 8" → 20:00); "morning",
 *   "breakfast" make 1–11 am ("morning run at 6" → 06:00); both, or "standup"/"lunch" with an
 *   evening word, leave the usual reading. "game night", "movie night" are names, not tonight.
 * - morning 09:00, afternoon 15:00, evening 19:00, tonight/night 20:00, noon 12:00.
 * - "eod", "end of (the) day", "close of business" → 17:00; "first thing" beside a day or with
 *   "in the morning" → 09:00 ("email boss first thing tomorrow"). Times, so "by eod friday"
 *   is Friday 17:00 and "by eod" after 17:00 is tomorrow's.
 * - "next week" → next Monday; "next month" → the 1st of next month; "on the 1st" → the next
 *   1st of a month (today counts); "end of month" → its last day. All all-day.
 * - Several times of day go into one rule when their minutes agree: "meds every day at 8am and
 *   8pm" → BYHOUR=8,20;BYMINUTE=0, due at the first still to come. Otherwise ("8am and 8:30pm")
 *   the rule takes no time and the times stay in the title; without a rule ("take meds at 8am
 *   and 8pm") the task is due at the first still to come and the title keeps them all.
 * - Recurrences ("every monday at 7am", "daily", "every 15th", "every mon wed fri",
 *   "on mondays", "bi-weekly", "every second week", "every 3rd thursday" of the month) become
 *   RRULEs; `dueAt` is the first occurrence at or after now. A time written apart from the rule
 *   counts ("team standup 9am daily", "daily standup at 9am"); no other date is read.
 * - Hourly rules: "every 8 hours", "every hour", "hourly", "every other hour" → FREQ=HOURLY,
 *   due at the next full hour (now, on the hour), or from a time written ("every 8 hours from
 *   9am" → the first of 9:00, 17:00, 01:00 still to come); the series then runs from the due
 *   date, so the rule needs no BYHOUR. Nothing repeats by the minute: "every 15 min" is no date.
 * - "daily", "weekly", "monthly", "yearly", "hourly" before a noun are adjectives, part of the
 *   title, after "the"/"a"/"my"/"last"/"next"/"every"/a possessive ("finish the monthly
 *   report"), or when another day is written ("draft weekly newsletter by thursday" is due
 *   Thursday); otherwise they stay rules, as in Todoist ("weekly review", "pay monthly bills").
 * - Quoted text ("…" or “…”) is literal: never a date, tag or marker; the quotes are dropped.
 * - Weak date words (a bare weekday, "noon") count only at the end or after "by/on/at/due…";
 *   easily confused ones ("sat", "sun", "evening") only after such a word. A month alone
 *   ("call May", "March of Dimes") is never a date. So "Sunday roast recipe" keeps its title.
 * - p1–p4 → high/medium/low/none (standalone tokens; the last wins). #tag / @tag → tags.
 *   Everything after the first " // " is the description, taken literally.
 * - "someday", "sometime", "whenever", "no date", "eventually", "at some point" at the end mean
 *   no due date, even after date words ("watch tomorrow never dies someday"); at the start only
 *   set apart ("someday: learn piano"). "sometime" before a date is dropped.
 * - Slang date words are read as spelled out: "tonite" / "2nite" → tonight, "nxt friday".
 *   "2 weeks from today" is read as "2 weeks from now". Whole weekday and month names and
 *   "tomorrow" with one slip are read as meant ("wednsday", "fridy", "febuary", "tomorrw"),
 *   then follow the rules above: "fridy chicken" keeps its title as "friday chicken" would.
 */
import { findDate } from "./quick-add/dates.js";
import { dayPartOf } from "./quick-add/day-part.js";
import { findNoDateMarker } from "./quick-add/no-date.js";
import { findRecurrence } from "./quick-add/recurrence.js";
import { respellSlang } from "./quick-add/slang.js";
import {
  assembleTitle,
  blank,
  extendOverConnectors,
  findPriority,
  findQuotedSpans,
  findTags,
  splitDescription,
  type Priority,
  type Span,
} from "./quick-add/text.js";
import { offsetMinutesAt, resolveTimeZone, wallClockAt } from "./quick-add/zone.js";

export type { Priority } from "./quick-add/text.js";
export { isValidTimeZone } from "./quick-add/zone.js";

/** What Quick Add makes of a line of text; `title` may be "" (the caller rejects it). */
export interface QuickAddResult {
  title: string;
  description: string | null;
  priority: Priority;
  dueAt: Date | null;
  dueAllDay: boolean;
  recurrence: string | null;
  tags: string[];
}

/** Options of both parsers. */
export interface QuickAddOptions {
  /** The user's IANA timezone, e.g. "Europe/Paris"; unknown zones are read as UTC. */
  timezone: string;
  /** The reference instant. @default new Date() */
  now?: Date;
}

/** A date, time or recurrence found in free text. */
export interface DateExpression {
  dueAt: Date | null;
  dueAllDay: boolean;
  recurrence: string | null;
  /** The expression exactly as written (connectors such as "to" or "by" before it excluded). */
  matchedText: string;
}

interface Found extends Span {
  /** The text to remove from the title, connector words ("due by") included. */
  removals: Span[];
  dueAt: Date;
  dueAllDay: boolean;
  recurrence: string | null;
}

/** Parses "pay rent every 1st p1 #home" in the user's timezone. */
export function parseQuickAdd(text: string, options: QuickAddOptions): QuickAddResult {
  const { head, description } = splitDescription(text);
  const quoted = findQuotedSpans(head);
  let scan = blank(head, quoted, "_");
  const { spans: tagSpans, tags } = findTags(scan);
  const { spans: prioritySpans, priority } = findPriority(scan);
  scan = blank(scan, [...tagSpans, ...prioritySpans], " ");
  const noDate = findNoDateMarker(scan);
  const found = noDate?.trailing ? null : findExpression(scan, options);
  const removed = [...tagSpans, ...prioritySpans];
  if (found) removed.push(...found.removals);
  else if (noDate) removed.push(noDate);
  return {
    title: assembleTitle(head, removed, quoted),
    description,
    priority,
    dueAt: found?.dueAt ?? null,
    dueAllDay: found?.dueAllDay ?? false,
    recurrence: found?.recurrence ?? null,
    tags,
  };
}

/** Finds the date/time/recurrence expression in free text (for "move X to friday", "postpone X to next week"); null when there is none. */
export function parseDateExpression(text: string, options: QuickAddOptions): DateExpression | null {
  const scan = blank(text, findQuotedSpans(text), "_");
  const found = findExpression(scan, options);
  if (!found) return null;
  return {
    dueAt: found.dueAt,
    dueAllDay: found.dueAllDay,
    recurrence: found.recurrence,
    matchedText: text.slice(found.start, found.end),
  };
}

// Dates sit near the end of what people type; reading only the tail keeps a 10k-character
// paste to a few milliseconds (chrono's cost grows faster than the length of its input).
const SCAN_WINDOW = 600;

function findExpression(scan: string, options: QuickAddOptions): Found | null {
  const timezone = resolveTimeZone(options.timezone);
  const now = options.now ?? new Date();
  const local = wallClockAt(now, timezone);
  const offset = windowStart(scan);
  const respelled = respellSlang(scan.slice(offset));
  const tail = respelled.text;
  const shift = (span: Span): Span => ({
    start: respelled.toOriginal(span.start) + offset,
    end: respelled.toOriginal(span.end) + offset,
  });
  const removal = (span: Span): Span => ({
    start: extendOverConnectors(scan, span.start),
    end: span.end,
  });
  const dayPart = dayPartOf(tail);
  const recurrence = findRecurrence(tail, local, timezone, dayPart);
  // "draft weekly newsletter by thursday": a day written elsewhere makes the adverb an adjective.
  const date =
    recurrence && !recurrence.attributive
      ? null
      : findDate(tail, now, local, timezone, offsetMinutesAt(now, timezone), {
          slips: respelled.slips,
          dayPart,
        });
  if (recurrence && !(recurrence.attributive && date?.dated)) {
    const span = shift(recurrence);
    const spans = recurrence.partner ? [span, shift(recurrence.partner)] : [span];
    return {
      ...span,
      removals: spans.map(removal),
      dueAt: recurrence.dueAt,
      dueAllDay: recurrence.dueAllDay,
      recurrence: recurrence.rrule,
    };
  }
  if (!date) return null;
  const span = shift(date);
  const spans = date.keepInTitle ? [] : [span];
  if (date.partner) spans.push(shift(date.partner));
  return {
    ...span,
    removals: spans.map(removal),
    dueAt: date.dueAt,
    dueAllDay: date.dueAllDay,
    recurrence: null,
  };
}

/** Where the scanned tail starts: at a word boundary, at most SCAN_WINDOW characters back. */
function windowStart(scan: string): number {
  if (scan.length <= SCAN_WINDOW) return 0;
  const from = scan.length - SCAN_WINDOW;
  const space = scan.slice(from).search(/\s/u);
  return space < 0 ? scan.length : from + space;
}
