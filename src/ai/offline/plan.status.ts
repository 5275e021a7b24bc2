import { parseIntent } from "./intent.parser.js";
import type { Intent, TaskRef } from "./intent.types.js";
import type { Plan, PlanContext, TaskView, ToolExchange } from "./offline.types.js";
import { planQuestion, planSmallTalk, planUnknown } from "./plan.chat.js";
import { planAdd } from "./plan.add.js";
import { offeredAdd } from "./plan.implicit.js";
import { fullListLimit } from "./plan.list.js";
import { planMutation } from "./plan.mutate.js";
import {
  callTool,
  failureText,
  hasTools,
  MUTATING_TOOLS,
  NO_TASK_TOOLS,
  reply,
  taskOf,
  turnCalls,
} from "./plan.shared.js";
import {
  lookedUp,
  namesNoTask,
  resolveSeveral,
  resolveTarget,
  searchPastPage,
} from "./plan.target.js";
import { dueText, escapeMarkdown, isOverdue, quoted, quotedList } from "./reply.format.js";
import { isTitleOf, resolveByTitle } from "./task-reference.js";

/**
 * "Did I learn piano?" naming no task: the task its words without the verb name ("did I go to
 * the gym?": "gym"), or that there is none. Null while a lookup is still to be made.
 */
function looseStatus(
  query: Extract<Intent, { kind: "status-query" }>,
  ctx: PlanContext,
): Plan | null {
  if (query.ref.kind !== "title") return null;
  const { tasks } = lookedUp(ctx);
  const found = query.orTitle ? resolveByTitle(query.orTitle, tasks, "any") : null;
  if (found?.kind === "found") return statusOf(found.task, ctx);
  if (found?.kind === "ambiguous") {
    const names = found.candidates.slice(0, 5).map((task) => task.title);
    return reply(
      `More than one task matches ${quoted(query.orTitle ?? "")}: ${quotedList(names)}. Which one do you mean?`,
    );
  }
  return reply(`I don't see a task like ${quoted(query.ref.text)} on your list.`);
}

/** "Is gym done?": yes or no, and when it is due when it is not; nothing changes. */
export function planStatusQuery(
  query: Extract<Intent, { kind: "status-query" }>,
  ctx: PlanContext,
): Plan {
  const { ref, text } = query;
  if (!hasTools(ctx, "list_tasks")) return reply(NO_TASK_TOOLS);
  if (turnCalls(ctx, "search_knowledge").length > 0) return planQuestion(text, ctx);
  // "have I done enough?" names no task (once every lookup is in): a question like any other;
  // "did I learn piano?" (any verb) is answered from the tasks alone.
  if (ref.kind === "title" && namesNoTask(ref.text, ctx)) {
    return (query.loose ? looseStatus(query, ctx) : null) ?? planQuestion(text, ctx);
  }
  const target = resolveTarget(ref, ctx, "any");
  if (target.kind === "plan") return target.plan;
  return statusOf(target.task, ctx);
}

/** Whether `task` is done, and when it is due when it is not. */
function statusOf(task: TaskView, ctx: PlanContext): Plan {
  const title = quoted(task.title);
  if (task.completed) return reply(`Yes \u2014 ${title} is done.`);
  const due = dueText(task, ctx.now, ctx.timezone);
  if (!due) return reply(`No \u2014 ${title} isn't done yet. It has no due date.`);
  if (isOverdue(task, ctx.now, ctx.timezone)) {
    return reply(`No \u2014 ${title} isn't done yet, and it's overdue: it was due ${due}.`);
  }
  return reply(`No \u2014 ${title} isn't done yet. It's due ${due}.`);
}

/** The latest delete in this conversation of a task called `text`. */
function deletionOf(text: string, ctx: PlanContext): ToolExchange | null {
  return (
    ctx.history.findLast((exchange) => {
      const task =
        exchange.toolName === "delete_task" && !exchange.error && taskOf(exchange.output);
      return task ? isTitleOf(text, task) : false;
    }) ?? null
  );
}

/**
 * "Did I delete milk?": whether a task called that is still there, and whether this
 * conversation deleted it. Only a task of that very title counts as "still there" ("buy milk"
 * is not "milk"). Nothing changes.
 */
export function planDeleteQuery(ref: TaskRef, ctx: PlanContext): Plan {
  if (!hasTools(ctx, "list_tasks")) return reply(NO_TASK_TOOLS);
  if (ref.kind !== "title") {
    return reply("Which task do you mean? Give me its name, like \u201cdid I delete milk?\u201d.");
  }
  const { tasks, failed, count } = lookedUp(ctx);
  if (count === 0) return callTool("list_tasks", { status: "all", limit: fullListLimit(ctx) });
  if (failed) return reply(failureText(failed, "look up your tasks"));
  const still = tasks.find((task) => isTitleOf(ref.text, task));
  if (still) {
    const done = still.completed ? " (marked done)" : "";
    return reply(`No \u2014 ${quoted(still.title)} is still on your list${done}.`);
  }
  const deletion = deletionOf(ref.text, ctx);
  const search = deletion ? null : searchPastPage(ref.text, ctx, tasks);
  if (search) return callTool("list_tasks", search);
  if (deletion) {
    const title = quoted(taskOf(deletion.output)?.title ?? ref.text);
    const lastChange = ctx.history.findLast(
      (exchange) => MUTATING_TOOLS.has(exchange.toolName) && !exchange.error,
    );
    const undo = lastChange === deletion ? " Say \u201cundo\u201d to bring it back." : "";
    return reply(`Yes \u2014 I deleted ${title} earlier in this conversation.${undo}`);
  }
  const similar = resolveByTitle(ref.text, tasks);
  const near = similar.kind === "found" ? ` \u2014 there is ${quoted(similar.task.title)}` : "";
  return reply(`There's no task called ${quoted(ref.text)} on your list${near}.`);
}

/** "Remove gym?": which task that would delete, and how to go ahead; nothing is deleted. */
export function planDeleteConfirm(ref: TaskRef, ctx: PlanContext): Plan {
  if (!hasTools(ctx, "list_tasks")) return reply(NO_TASK_TOOLS);
  // "remove gym and milk?": the same tasks "yes" will delete. "Delete both?" right after a list
  // leaves no lookup for "yes" to find again: it is done at once (and can be undone).
  const several = resolveSeveral(ref, ctx, "pending");
  if (several && turnCalls(ctx, "list_tasks").length === 0)
    return planMutation({ kind: "delete", ref }, ctx);
  if (several)
    return reply(
      `Do you want me to delete ${quotedList(several.map((task) => task.title))}? Say \u201cyes\u201d and I will.`,
    );
  const target = resolveTarget(ref, ctx, "pending");
  if (target.kind === "plan") return target.plan;
  // "Yes" finds the task again by the title asked about, which only a title ref leaves behind.
  const title = target.task.title;
  const go =
    ref.kind === "title" ? "\u201cyes\u201d" : `\u201cdelete ${escapeMarkdown(title)}\u201d`;
  return reply(`Do you want me to delete ${quoted(title)}? Say ${go} and I will.`);
}

/** The task my last reply asked to delete ("remove gym?"), when the user answers right after. */
function askedToDelete(ctx: PlanContext): TaskRef | null {
  const last = ctx.history.at(-1);
  if (!last || last.userTurn !== ctx.userTurn - 1) return null;
  const asked = parseIntent(last.userText);
  return asked.kind === "delete-confirm" ? asked.ref : null;
}

/** The acknowledgements that agree to a deletion I asked about. */
const CONSENTING = /^(?:ok(?:ay)?|sure|alright|all right|fine)[.!]*$/i;
/** Words that turn an acknowledgement down ("never mind", "nah", "forget it"). */
const DECLINING = /\b(?:never ?mind|nvm|forget|nah|nope|not now|no)\b/i;

/** Whether an acknowledgement agrees to what I asked: "ok", "sure"; not "got it" or "nah". */
export function isConsent(text: string): boolean {
  return !DECLINING.test(text) && CONSENTING.test(text.trim());
}

/**
 * "ok" / "sure" (yes) or "never mind" / "nah" (no) right after "Do you want me to delete gym?";
 * otherwise a plain acknowledgement.
 */
export function planAcknowledgement(ctx: PlanContext): Plan {
  if (!askedToDelete(ctx) && offeredAdd(ctx) === null) return planSmallTalk("acknowledge");
  // "got it", "cool", a thumbs up: not clearly a yes to deleting, so nothing is deleted.
  return planAnswer(isConsent(ctx.userText), ctx);
}

/**
 * "Yes" or "no" to "Do you want me to delete gym?" or "… to add “buy eggs”?"; anything else is
 * not understood.
 */
export function planAnswer(yes: boolean, ctx: PlanContext): Plan {
  const ref = askedToDelete(ctx);
  if (!ref) {
    const offered = offeredAdd(ctx);
    // "no thanks" to nothing I asked: fine; a "yes" to nothing is not understood.
    if (offered === null) return yes ? planUnknown(ctx.userText) : planSmallTalk("acknowledge");
    return yes ? planAdd(offered, ctx) : reply("Okay \u2014 I haven't added anything.");
  }
  if (yes) return planMutation({ kind: "delete", ref }, ctx);
  return reply("Okay \u2014 I haven't deleted anything.");
}
