// Commands about a whole set of tasks, said without a list shown first: "complete all my tasks",
// "delete all completed tasks", "clear my overdue tasks", "delete everything tagged #work".
import type { Intent, ListFilter } from "./intent.types.js";
import { parseListFilter } from "./intent.list.js";

type BulkAction = "complete" | "delete" | "reopen" | "reschedule";

/**
 * "move everything due today to tomorrow", "push all overdue tasks to monday": the set, then
 * where to (the first "to" ends the set: "move everything due today to tomorrow").
 */
const MOVE =
  /^(?:move|reschedule|push|postpone|shift|bump|defer|delay|carry over|roll over)\s+(.+?)\s+(?:to|until|till|til|for|into)\s+(.+)$/i;

/** The verb first, the set after it. */
const VERB_FIRST: [RegExp, BulkAction][] = [
  [/^(?:complete|finish|close|resolve|check off|tick off|cross off)\s+(.+)$/i, "complete"],
  [/^(?:reopen|re-open|uncomplete|uncheck|untick|unmark)\s+(.+)$/i, "reopen"],
  [
    /^(?:delete|remove|clear|clear out|clean out|erase|trash|wipe|wipe out|purge|get rid of)\s+(.+)$/i,
    "delete",
  ],
];

/** "mark everything done", "mark all work tasks as not done". */
const MARK =
  /^mark\s+(.+?)\s+(?:as\s+)?(?:(not done|undone|incomplete|not complete|not completed|pending|open|unfinished)|done|complete|completed|finished)$/i;

/** A word that makes the set whole: "all", "everything", "every task", or the list itself. */
const WHOLE =
  /^(?:all|everything|every|each)\b|^(?:(?:my|the)\s+)(?:[\p{L}\p{N}#_-]+\s+){0,3}?(?:tasks|todos|to-dos|items|list|to-?do list)$|^(?:completed|done|finished)(?:\s+(?:tasks|todos|ones|items))?$/iu;

/** "all of them", "both": the list just shown, which the shown-list reading handles. */
const SHOWN = /\b(?:them|these|those|both)\b/i;

/** Every word the set may be said with; any other word makes it something else. */
const SET_WORDS = new Set(
  (
    "all everything every each of my the a tasks task todos todo to-dos to-do items item ones one " +
    "things thing list that which are is i have on in from currently still due overdue late past " +
    "completed done finished pending open remaining outstanding unfinished incomplete today tonight " +
    "tomorrow this next week weekend month for tagged tag with labelled labeled label under " +
    "high medium low urgent important priority before by until till " +
    "monday tuesday wednesday thursday friday saturday sunday"
  ).split(" "),
);

/** "all work tasks": one word that is no set word, right before "tasks", names a tag. */
const TAG_BEFORE_TASKS = /(?:^|\s)([\p{L}\p{N}_-]+)\s+(?:tasks|todos|to-dos|items)\b/u;

/** "… except call mom", "… but not the report", "… other than gym": what is left out. */
const EXCEPT =
  /\s+(?:except(?:\s+for)?|but(?:\s+not)?|other than|apart from|besides|excluding)\s+(.+)$/i;

/** The titles "… except call mom and gym" leaves out. */
function leftOut(but: RegExpExecArray | null): string[] {
  return (but?.[1] ?? "")
    .split(/\s*,\s*(?:and\s+)?|\s+and\s+/i)
    .map((part) => part.replace(/^(?:the|my)\s+/i, "").trim())
    .filter(Boolean);
}

/** The filter of the set `scope` says, or null when it says something else. */
function setFilter(scope: string): ListFilter | null {
  const lower = scope.toLowerCase().replace(/[.!?]+$/, "");
  if (!WHOLE.test(lower) || SHOWN.test(lower)) return null;
  const filter = parseListFilter(lower);
  const words = lower
    .replace(/#[\p{L}\p{N}_-]+/gu, " ")
    .split(/[\s,]+/)
    .filter(Boolean);
  const unknown = words.filter(
    (word) =>
      !SET_WORDS.has(word) && word !== filter.tag && !/^\d{1,2}(?:st|nd|rd|th)?$/.test(word),
  );
  if (unknown.length === 1 && !filter.tag) {
    const tag = TAG_BEFORE_TASKS.exec(lower)?.[1];
    if (tag !== unknown[0]) return null;
    filter.tag = tag;
  } else if (unknown.length > 0) return null;
  if (filter.due === "undated" || filter.q) return null;
  return filter;
}

/** The state the tasks an action changes are in: open to complete, done to reopen. */
function statusFor(action: BulkAction, filter: ListFilter, scope: string): ListFilter["status"] {
  if (action === "complete" || action === "reschedule") return "pending";
  if (action === "reopen") return "completed";
  if (/\b(?:completed|done|finished)\b/i.test(scope)) return "completed";
  const dated = filter.due ?? filter.day ?? filter.days;
  if (dated !== undefined || /\b(?:pending|open|remaining|outstanding)\b/i.test(scope))
    return "pending";
  return "all";
}

/**
 * "complete all my tasks", "mark everything done", "delete all completed tasks", "clear my
 * overdue tasks", "delete everything tagged #work": one action over a set of tasks, which the
 * planner confirms before changing anything. Null for anything else, and for "all of them"
 * (the list just shown).
 */
export function parseBulk(text: string): Intent | null {
  const move = MOVE.exec(text);
  if (move?.[1] && move[2]) {
    // "reschedule overdue tasks to today", "move today's tasks to friday": the set, said short.
    const scope = move[1]
      .replace(/^(?:overdue|today's|todays|tomorrow's)\b/i, "all $&")
      .replace(/\b(today|tomorrow)'s\s+/i, "$1 ");
    const but = EXCEPT.exec(scope);
    const filter = setFilter(but ? scope.slice(0, but.index) : scope);
    const except = leftOut(but);
    if (filter)
      return {
        kind: "bulk",
        action: "reschedule",
        filter: { ...filter, status: "pending" },
        when: move[2],
        ...(except.length > 0 ? { except } : {}),
      };
  }
  // "mark everything done except gym": what is left out may come after the state.
  const after = MARK.test(text) ? null : EXCEPT.exec(text);
  const marked = MARK.exec(after ? text.slice(0, after.index) : text);
  const [action, scope]: [BulkAction | null, string] = marked
    ? [marked[2] ? "reopen" : "complete", `${marked[1] ?? ""}${after?.[0] ?? ""}`]
    : (() => {
        for (const [pattern, verb] of VERB_FIRST) {
          const match = pattern.exec(text);
          if (match?.[1]) return [verb, match[1]] as [BulkAction, string];
        }
        return [null, ""] as [null, string];
      })();
  if (!action) return null;
  // "everything except call mom", "all but the report": those are left out.
  const but = EXCEPT.exec(scope);
  const whole = but ? scope.slice(0, but.index) : scope;
  const filter = setFilter(whole);
  if (!filter) return null;
  const except = leftOut(but);
  return {
    kind: "bulk",
    action,
    filter: { ...filter, status: statusFor(action, filter, whole) },
    ...(except.length > 0 ? { except } : {}),
  };
}
