// The answer to "More than one task matches “milk”: “buy milk” and “buy oat milk”. Which one do
// you mean?": "buy oat milk", "the second one" or "2" carries out what was asked, on that task.
import { parseIntent } from "./intent.parser.js";
import type { Intent } from "./intent.types.js";
import { parseTaskRef } from "./intent.words.js";
import type { PlanContext, TaskView } from "./offline.types.js";
import { shownTasks } from "./plan.list.js";
import { changedTask, previousTurn } from "./plan.shared.js";
import { resolveByPosition, resolveByTitle, type StatePreference } from "./task-reference.js";

/** Candidates a clarifying question names (resolveTarget shows five). */
const NAMED = 5;

/** What a message that answers a question of mine may parse as: nothing else of its own. */
const ANSWER_KINDS = new Set<Intent["kind"]>(["unknown", "implicit-add"]);

/** The state the asked-about intent looks for, as resolveTarget was asked. */
function preferenceOf(intent: Intent): StatePreference {
  if (intent.kind === "reopen") return "completed";
  return /query$/.test(intent.kind) ? "any" : "pending";
}

/**
 * The previous message's intent, aimed at the task this message picks among the ones my reply
 * listed as matching; null when the previous reply asked no such question or this message is
 * no answer to it (a command of its own, or a pick that names none or several of them).
 */
export function clarifiedIntent(ctx: PlanContext): Intent | null {
  if (ctx.previousUserText === null) return null;
  if (!ANSWER_KINDS.has(parseIntent(ctx.userText).kind)) return null;
  const asked = parseIntent(ctx.previousUserText);
  // "Did I delete milk?" answers about that very title; it asks no question.
  if (!("ref" in asked) || asked.ref.kind !== "title" || asked.kind === "delete-query") return null;
  const lookups = previousTurn(ctx).filter(
    (exchange) => exchange.toolName === "list_tasks" && !exchange.error,
  );
  if (lookups.length === 0) return null;
  const byId = new Map<string, TaskView>();
  for (const task of lookups.flatMap((lookup) => shownTasks(lookup, ctx.timezone)))
    if (!byId.has(task.id)) byId.set(task.id, task);
  const resolution = resolveByTitle(asked.ref.text, [...byId.values()], preferenceOf(asked));
  if (resolution.kind !== "ambiguous") return null;
  const candidates = resolution.candidates.slice(0, NAMED);
  const pick = parseTaskRef(ctx.userText);
  let task: TaskView | null = null;
  if (pick.kind === "position") task = resolveByPosition(pick.position, candidates);
  else if (pick.kind === "title") {
    const found = resolveByTitle(pick.text, candidates);
    task = found.kind === "found" ? found.task : null;
  }
  return task ? { ...asked, ref: { kind: "title", text: task.title } } : null;
}

/** "and call mom", "call mom too", "also the dentist": the same again, on another task. */
const ALSO =
  /^(?:(?:and|also|plus|and also|oh and)\s+)(.+?)(?:\s+(?:too|as well))?[.!]*$|^(.+?)\s+(?:too|as well)[.!]*$/i;

/** Changes one task, the same way, that "and call mom" can repeat. */
const REPEATABLE = new Set<Intent["kind"]>([
  "complete",
  "delete",
  "reopen",
  "reschedule",
  "priority",
  "tag",
]);

/**
 * The previous message's change, aimed at the task this message adds to it ("complete gym",
 * then "and call mom"); null unless the previous message changed a task and this one is
 * nothing of its own.
 */
export function continuedIntent(ctx: PlanContext): Intent | null {
  if (ctx.previousUserText === null) return null;
  const match = ALSO.exec(ctx.userText.trim());
  const words = (match?.[1] ?? match?.[2])?.trim();
  if (!words || !ANSWER_KINDS.has(parseIntent(ctx.userText).kind)) return null;
  const before = parseIntent(ctx.previousUserText);
  if (!REPEATABLE.has(before.kind) || !("ref" in before)) return null;
  if (!previousTurn(ctx).some(changedTask)) return null;
  const ref = parseTaskRef(words);
  return ref.kind === "pronoun" ? null : { ...before, ref };
}
