import { parseDateExpression } from "../../modules/tasks/quick-add.js";
import { parseIntent, parsePriorityWord } from "./intent.parser.js";
import type { Intent } from "./intent.types.js";
import type { Plan, PlanContext } from "./offline.types.js";
import { planAdd, planAddMany } from "./plan.add.js";
import { planOverdueAndToday } from "./plan.agenda.js";
import {
  planClock,
  planHelp,
  planUnsupported,
  planQuestion,
  planSmallTalk,
  planUnknown,
} from "./plan.chat.js";
import { askedBulk, MAX_BULK, planBulk, planBulkAnswer } from "./plan.bulk.js";
import { clarifiedIntent, continuedIntent } from "./plan.clarify.js";
import { planDetailQuery } from "./plan.detail.js";
import { offeredAdd, planImplicitAdd } from "./plan.implicit.js";
import { planList } from "./plan.list.js";
import { planMutation } from "./plan.mutate.js";
import { planAskWhen, planDueQuery } from "./plan.query.js";
import { changedTask, previousTurn, reply, turnCalls } from "./plan.shared.js";
import {
  planAcknowledgement,
  isConsent,
  planAnswer,
  planDeleteConfirm,
  planDeleteQuery,
  planStatusQuery,
} from "./plan.status.js";
import { allLookedUp } from "./plan.target.js";
import { planComplaint, planLastChange } from "./plan.recap.js";
import { planUndo } from "./plan.undo.js";
import { resolveByTitle } from "./task-reference.js";
import { hourFirstAsTime } from "./time.js";

/**
 * Upper bound on tool calls in one turn: a confirmed bulk change of MAX_BULK tasks, or its undo
 * (each deleted task added back, then marked done again), and their lookups. The agent's step
 * limit bounds a turn's steps; this bounds a runaway plan within them.
 */
const MAX_TOOL_CALLS = 2 * MAX_BULK + 4;

/** "cancel", "no, cancel", "scratch that": an undo that can also mean "never mind". */
const NEVER_MIND =
  /^(?:(?:oops|whoops|no|wait|never ?mind)[\s,!]+)?(?:cancel(?: (?:that|it|this))?|(?:scratch|strike|scrap) that)(?: please)?[.!]*$/i;

/** "change X to Y" is a rename unless Y is only a priority or only a date. */
function refineIntent(intent: Intent, ctx: PlanContext): Intent {
  if (intent.kind !== "rename" || !intent.loose) return intent;
  const priority = parsePriorityWord(intent.title);
  if (priority) return { kind: "priority", ref: intent.ref, priority };
  // "change run to 7 tonight": an hour first reads as a time only after "at".
  const date = parseDateExpression(hourFirstAsTime(intent.title), {
    timezone: ctx.timezone,
    now: ctx.now,
  });
  if (
    date &&
    date.matchedText.trim().length >= intent.title.replace(/^(?:on|by|at)\s+/i, "").trim().length
  ) {
    return { kind: "reschedule", ref: intent.ref, when: intent.title };
  }
  return intent;
}

/**
 * "add a travel tag to passport" tags the task called that; with no such task, the words are a
 * task of their own, as before the tag phrasing was known.
 */
function addInsteadOfTag(intent: Intent, ctx: PlanContext): string | null {
  if (intent.kind !== "tag" || !intent.orAdd || intent.ref.kind !== "title") return null;
  if (turnCalls(ctx, "add_task").length > 0) return intent.orAdd;
  // Only once every lookup is in: a completed task of that name is tagged too.
  const tasks = allLookedUp("pending", ctx);
  if (!tasks) return null;
  const found = resolveByTitle(intent.ref.text, tasks);
  return found.kind === "none" ? intent.orAdd : null;
}

/** Decides the next step of a turn from the conversation so far: tool calls, or the answer. */
export function planNextStep(ctx: PlanContext): Plan {
  if (ctx.turn.length >= MAX_TOOL_CALLS) {
    return reply("Sorry, I got stuck on that one. Could you say it another way?");
  }
  // "buy oat milk" or "the second one" right after "More than one task matches …": what was
  // asked, on that task.
  // "and call mom" right after "complete gym": that, on call mom.
  const intent =
    clarifiedIntent(ctx) ?? continuedIntent(ctx) ?? refineIntent(parseIntent(ctx.userText), ctx);
  switch (intent.kind) {
    case "acknowledge": {
      // "ok" or "never mind" right after "Do you want me to delete gym?" answers it.
      const bulk = askedBulk(ctx);
      if (bulk) return planBulkAnswer(isConsent(ctx.userText), bulk, ctx);
      return planAcknowledgement(ctx);
    }
    case "greeting":
    case "thanks":
    case "farewell":
      return planSmallTalk(intent.kind);
    case "help":
      return planHelp(ctx);
    case "clock":
      return planClock(ctx, intent.place);
    case "last-change":
      return planLastChange(ctx);
    case "complaint":
      return planComplaint(ctx);
    case "undo": {
      // "cancel" or "scratch that" right after a reply that changed nothing ("That would delete
      // 3 tasks… Should I go ahead?", "Which one do you mean?") is a never-mind, not the undo of
      // an older change; "undo" itself still is.
      if (NEVER_MIND.test(ctx.userText.trim()) && !previousTurn(ctx).some(changedTask))
        return reply("Okay \u2014 I haven't changed anything.");
      return planUndo(ctx);
    }
    case "add": {
      // "add it" right after "Should I add “buy eggs”?" is a yes.
      const offered = /^(?:it|that|this|that one|this one)$/i.test(intent.text)
        ? offeredAdd(ctx)
        : null;
      return planAdd(offered ?? intent.text, ctx);
    }
    case "add-many":
      return planAddMany(intent.texts, ctx);
    case "implicit-add":
      return planImplicitAdd(intent, ctx);
    case "list":
      return intent.filter.due === "overdue-and-today"
        ? planOverdueAndToday(intent.filter, intent.count, ctx)
        : planList(intent.filter, intent.count, ctx);
    case "question":
      return planQuestion(intent.text, ctx);
    case "due-query":
      return planDueQuery(intent.ref, intent.text, ctx);
    case "detail-query":
      return planDetailQuery(intent, ctx);
    case "ask-when":
      return planAskWhen(intent.ref, ctx);
    case "status-query":
      return planStatusQuery(intent, ctx);
    case "delete-query":
      return planDeleteQuery(intent.ref, ctx);
    case "delete-confirm":
      return planDeleteConfirm(intent.ref, ctx);
    case "answer": {
      const bulk = askedBulk(ctx);
      return bulk ? planBulkAnswer(intent.yes, bulk, ctx) : planAnswer(intent.yes, ctx);
    }
    case "bulk":
      return planBulk(intent, ctx);
    case "unknown":
      return planUnknown(intent.text);
    case "unsupported":
      return planUnsupported(intent.part, intent.adding);
    default: {
      const added = addInsteadOfTag(intent, ctx);
      return added === null ? planMutation(intent, ctx) : planAdd(added, ctx);
    }
  }
}
