import { parseQuickAdd } from "../../modules/tasks/quick-add.js";
import type { Priority } from "../../modules/tasks/task.schemas.js";
import type { Plan, PlanContext } from "./offline.types.js";
import {
  callTool,
  failureText,
  hasTools,
  NO_TASK_TOOLS,
  reply,
  taskOf,
  turnCalls,
} from "./plan.shared.js";
import { quoted, taskDetails } from "./reply.format.js";

/**
 * A priority said in words, set off from the title: "…, high priority", "… with low priority",
 * "… (priority: high)", or "… high priority" at the very end.
 */
const PRIORITY_PHRASE =
  /(?:\s*[,;(]\s*|\s+(?:with|at|as)\s+)(?:a\s+)?(?:(high|highest|top|medium|normal|low|lowest)[\s-]+priority|priority\s*[:=]?\s*(high|medium|low))\b\)?|\s+(?:(high|highest|top|medium|normal|low|lowest)[\s-]+priority|priority\s*[:=]\s*(high|medium|low))\)?$/i;
/**
 * Urgency tacked on after a comma or dash at the end: "…, urgent", "… (asap)", "… — it's
 * important"; or its absence: "…, not important", "… (no rush)".
 */
const URGENT_TAIL =
  /\s*[,;(\u2013\u2014-]\s*(?:it'?s\s+|this is\s+)?(?:very\s+)?(urgent|important|asap|not (?:that |very )?(?:urgent|important)|no rush|low prio)\)?$/i;

/**
 * "call the plumber asap", "fix the leak urgently", "call the vet urgent": urgency as the very
 * last word, unless the title says something is urgent ("reply to email marked urgent").
 */
const URGENT_LAST =
  /(?<!\b(?:marked|flagged|labell?ed|is|isn't|isnt|not|was|are|be|been|as|so|very|too|seems|looks|sounds|feels|considered))\s+(asap|urgent|urgently)[!.]*$/i;

/** Whether `index` falls inside double quotes (a literal title the priority words belong to). */
function insideQuotes(text: string, index: number): boolean {
  return (text.slice(0, index).match(/["\u201c\u201d]/g)?.length ?? 0) % 2 === 1;
}

/** Takes a priority said in words out of an add command (never out of its " // " description). */
export function takePriorityWords(text: string): { text: string; priority: Priority | null } {
  const split = text.indexOf(" // ");
  const head = split >= 0 ? text.slice(0, split) : text;
  const description = split >= 0 ? text.slice(split) : "";
  for (const pattern of [PRIORITY_PHRASE, URGENT_TAIL, URGENT_LAST]) {
    const match = pattern.exec(head);
    if (!match || insideQuotes(head, match.index)) continue;
    const word = (match[1] ?? match[2] ?? match[3] ?? match[4] ?? "").toLowerCase();
    const priority = /^(?:high|highest|top|urgent|urgently|important|asap)$/.test(word)
      ? "high"
      : /^(?:medium|normal)$/.test(word)
        ? "medium"
        : "low";
    const rest = `${head.slice(0, match.index)} ${head.slice(match.index + match[0].length)}`;
    const cleaned = rest
      .replace(/\s+/g, " ")
      .replace(/[\s,;]+$/, "")
      .trim();
    return { text: `${cleaned}${description}`, priority };
  }
  return { text, priority: null };
}

/** The add_task input for what follows the command verb, parsed by the Quick Add grammar. */
export function addTaskInput(text: string, ctx: PlanContext): Record<string, unknown> | null {
  // "add eggs too", "add bread as well": said of the task before, not part of this one.
  const spoken = takePriorityWords(text.replace(/\s+(?:too|as well)[.!]*$/i, ""));
  const parsed = parseQuickAdd(spoken.text, { timezone: ctx.timezone, now: ctx.now });
  const title = parsed.title
    .trim()
    .replace(/[\s,;:]+$/, "")
    .slice(0, 500);
  if (!title) return null;
  const priority =
    parsed.priority === "none" && spoken.priority ? spoken.priority : parsed.priority;
  const input: Record<string, unknown> = { title, priority, tags: parsed.tags };
  if (parsed.description) input.description = parsed.description;
  if (parsed.dueAt) {
    input.due_at = parsed.dueAt.toISOString();
    input.due_all_day = parsed.dueAllDay;
  }
  if (parsed.recurrence) input.recurrence = parsed.recurrence;
  return input;
}

/** Plans "add …": one add_task call, then a confirmation that repeats what was understood. */
export function planAdd(text: string, ctx: PlanContext): Plan {
  if (!hasTools(ctx, "add_task")) return reply(NO_TASK_TOOLS);
  const done = turnCalls(ctx, "add_task").at(-1);
  if (done) {
    if (done.error) return reply(failureText(done, "add that task"));
    const task = taskOf(done.output);
    if (!task) return reply("Added.");
    const details = taskDetails(task, ctx.now, ctx.timezone);
    return reply(
      `Added ${quoted(task.title)}${details.length > 0 ? ` \u2014 ${details.join(", ")}` : ""}.`,
    );
  }
  const input = addTaskInput(text, ctx);
  if (!input)
    return reply("What should the task say? For example: \u201cadd buy milk tomorrow\u201d.");
  return callTool("add_task", input);
}

/** Plans "add X and add Y": one add_task call per task, then one line naming each. */
export function planAddMany(texts: string[], ctx: PlanContext): Plan {
  if (!hasTools(ctx, "add_task")) return reply(NO_TASK_TOOLS);
  const done = turnCalls(ctx, "add_task");
  if (done.length > 0) {
    const added = done.flatMap((exchange) => {
      const task = exchange.error ? undefined : taskOf(exchange.output);
      if (!task) return [];
      const details = taskDetails(task, ctx.now, ctx.timezone);
      return [`${quoted(task.title)}${details.length > 0 ? ` (${details.join(", ")})` : ""}`];
    });
    const failed = done.find((exchange) => exchange.error);
    const list =
      added.length <= 1 ? added.join("") : `${added.slice(0, -1).join(", ")} and ${added.at(-1)}`;
    if (!failed) return reply(`Added ${list}.`);
    const failure = failureText(failed, "add every task");
    return reply(added.length > 0 ? `Added ${list}. ${failure}` : failure);
  }
  const inputs = texts
    .map((text) => addTaskInput(text, ctx))
    .filter((input): input is Record<string, unknown> => input !== null);
  if (inputs.length === 0)
    return reply("What should the task say? For example: \u201cadd buy milk tomorrow\u201d.");
  return { kind: "tools", calls: inputs.map((input) => ({ toolName: "add_task", input })) };
}
