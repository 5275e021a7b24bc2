// The answer to "More than one task matches “milk”: “buy milk” and “buy oat milk”. Which one do
// you mean?": "buy oat milk", "the second one" or "2" carries out what was asked, on that task.
import { parseIntent } from "./intent.parser.js";
import type { Intent } from "./intent.types.js";
import { parseTaskRef } from "./intent.words.js";
import type { PlanContext, TaskView } from "./offline.types.js";
import { shownTasks } from "./plan.list.js";
import { previousTurn } from "./plan.shared.js";
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
