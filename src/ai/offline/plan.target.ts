import { parseIntent } from "./intent.parser.js";
import { parseCount } from "../../modules/tasks/quick-add/words.js";
import type { TaskRef } from "./intent.types.js";
import { parseTaskRef } from "./intent.words.js";
import type { Plan, PlanContext, TaskView, ToolExchange } from "./offline.types.js";
import { fullListLimit, lastShownList, shownTasks } from "./plan.list.js";
import {
  callTool,
  failureText,
  MUTATING_TOOLS,
  reply,
  taskOf,
  tasksOf,
  turnCalls,
} from "./plan.shared.js";
import { quoted, quotedList } from "./reply.format.js";
import {
  isTitleOf,
  resolveByPosition,
  resolveByTitle,
  someTitleCovers,
  type StatePreference,
} from "./task-reference.js";

/** Either the task the user meant, or the step to take before knowing it (a lookup or a question). */
export type Target = { kind: "task"; task: TaskView } | { kind: "plan"; plan: Plan };

/**
 * The task a message named by title, found in the lookup made for it: "is gym done?", "when is
 * the dentist due?", "remove gym?" make that task "it" though nothing changed. Null when the
 * title named no single task (then "it" is unclear); undefined when the message named none.
 */
function taskNamedIn(
  lookups: readonly ToolExchange[],
  ctx: PlanContext,
): TaskView | null | undefined {
  const intent = parseIntent(lookups[0]?.userText ?? "");
  if (!("ref" in intent) || intent.ref.kind !== "title") return undefined;
  const title = intent.ref.text;
  const tasks = uniqueTasks(lookups.flatMap((lookup) => shownTasks(lookup, ctx.timezone)));
  if (intent.kind === "delete-query") return tasks.find((task) => isTitleOf(title, task)) ?? null;
  const preference =
    intent.kind === "reopen" ? "completed" : /query$/.test(intent.kind) ? "any" : "pending";
  const found = resolveByTitle(title, tasks, preference);
  return found.kind === "found" ? found.task : null;
}

/** The task the conversation last created, changed or showed alone: what "it" means. */
export function lastTouchedTask(ctx: PlanContext): TaskView | null {
  const exchanges = [...ctx.history, ...ctx.turn];
  for (let i = exchanges.length - 1; i >= 0; i--) {
    const exchange = exchanges[i];
    if (!exchange || exchange.error) continue;
    if (MUTATING_TOOLS.has(exchange.toolName)) {
      const task = taskOf(exchange.output);
      if (task) return task;
    }
    if (exchange.toolName === "list_tasks") {
      const shown = lastShownList([exchange], ctx.timezone);
      if (shown) return shown.length === 1 ? (shown[0] ?? null) : null;
      // Every lookup made for that message (pending tasks, then completed ones).
      const lookups = exchanges.filter(
        (other) =>
          other.userTurn === exchange.userTurn && other.toolName === "list_tasks" && !other.error,
      );
      const named = taskNamedIn(lookups, ctx);
      if (named !== undefined) return named;
    }
  }
  return null;
}

/**
 * The task lists a title is looked up in, one call at a time: tasks in the state the change
 * wants first ("complete" looks among pending tasks), then the others unless the first list
 * holds the exact title (a partial match among pending tasks must not hide an exact one among
 * completed tasks). A long history of completed tasks then never pushes pending tasks out of
 * the lookup's page.
 */
function lookupInput(
  preference: StatePreference,
  ctx: PlanContext,
  done: number,
): Record<string, unknown> | null {
  const limit = fullListLimit(ctx);
  if (preference === "any") return done === 0 ? { status: "all", limit } : null;
  const states = preference === "pending" ? ["pending", "completed"] : ["completed", "pending"];
  const status = states[done];
  return status ? { status, limit } : null;
}

/** Every task the title lookups returned, once all of them are in and none failed; else null. */
export function allLookedUp(preference: StatePreference, ctx: PlanContext): TaskView[] | null {
  const lookups = lookedUp(ctx);
  if (lookups.count === 0 || lookups.failed) return null;
  return lookupInput(preference, ctx, lookups.count) ? null : lookups.tasks;
}

/** The tasks this turn's lookups returned (each once), or the failed lookup. */
export function lookedUp(ctx: PlanContext): {
  tasks: TaskView[];
  failed?: ToolExchange;
  count: number;
} {
  const lookups = turnCalls(ctx, "list_tasks");
  const failed = lookups.find((lookup) => lookup.error);
  const tasks = failed
    ? []
    : uniqueTasks(lookups.flatMap((lookup) => shownTasks(lookup, ctx.timezone)));
  return { tasks, count: lookups.length, ...(failed ? { failed } : {}) };
}

/** Each task once: a search past the page can return tasks the page held too. */
function uniqueTasks(tasks: TaskView[]): TaskView[] {
  const byId = new Map<string, TaskView>();
  for (const task of tasks) if (!byId.has(task.id)) byId.set(task.id, task);
  return [...byId.values()];
}

/**
 * What to search for: the title's longest word (the last of equal ones), apostrophes dropped —
 * "dads birthday" finds "Dad's birthday", which the whole phrase would not; the title match
 * that follows picks among what it finds.
 */
function searchWord(title: string): string {
  const words = title.replace(/['\u2019]/g, "").split(/[^\p{L}\p{N}]+/u);
  let best = "";
  for (const word of words) if (word.length >= best.length) best = word;
  return best.length >= 2 ? best : title;
}

/**
 * True when this turn's lookups are all in, none failed, and no task's title matches `title`
 * (not even past the page: see `searchPastPage`): what was asked names no task.
 */
export function namesNoTask(title: string, ctx: PlanContext): boolean {
  const { tasks, failed, count } = lookedUp(ctx);
  if (count === 0 || failed) return false;
  return resolveByTitle(title, tasks).kind === "none" && !searchPastPage(title, ctx, tasks);
}

/**
 * The title search to make when this turn's lookups came back as full pages without a task of
 * exactly that title: `q` finds it among the tasks past the page (a long history of completed
 * tasks, say). Null when no search is needed, or it was made. `found`: what the lookups found.
 */
export function searchPastPage(
  title: string,
  ctx: PlanContext,
  found: TaskView[],
): Record<string, unknown> | null {
  const lookups = turnCalls(ctx, "list_tasks");
  if (lookups.some((lookup) => lookup.error || lookup.input.q !== undefined)) return null;
  const limit = fullListLimit(ctx);
  if (!lookups.some((lookup) => tasksOf(lookup.output).length >= limit)) return null;
  if (found.some((task) => isTitleOf(title, task))) return null;
  return { status: "all", q: searchWord(title), limit };
}

/** "both", "all of them", "all 3 of them": every task of the list just shown, when it is short. */
const ALL_SHOWN =
  /^(?:(both)(?: of (?:them|these|those))?|all of (?:them|these|those)|them all|all ((?:two|three|four|five|six|seven|eight|nine|ten)|\d{1,2}) of (?:them|these|those))$/i;
/** "everything", "all my tasks": the whole list, which the assistant never changes at once. */
const EVERY_TASK =
  /^(?:all|everything|every task|every one|all (?:(?:of )?(?:my|the) )?(?:tasks|todos|to-dos|items)|all (?:the )?(?:overdue|completed|done|pending)(?: tasks| ones)?|everything (?:on|in) (?:my|the) list)$/i;
/** The most tasks one message changes at once. */
const MAX_AT_ONCE = 10;

const SEVERAL_HINT =
  "I change a few tasks at once only from the last list I showed you (at most 10): say \u201cshow my tasks\u201d or \u201cwhat's overdue?\u201d, then \u201ccomplete 1 and 3\u201d or \u201cdelete all of them\u201d.";

/**
 * The tasks "both" or "all of them" means: the list the previous answer showed, when nothing
 * came after it, it is short, and it holds as many tasks as the user said. Null otherwise.
 */
function allShown(ref: TaskRef, ctx: PlanContext): TaskView[] | null {
  const match = ref.kind === "title" ? ALL_SHOWN.exec(ref.text) : null;
  if (!match) return null;
  const previous = ctx.history.at(-1);
  if (!previous || previous.userTurn !== ctx.userTurn - 1) return null;
  const shown = lastShownList([previous], ctx.timezone);
  if (!shown || shown.length < 2 || shown.length > MAX_AT_ONCE) return null;
  const said = match[1] ? 2 : match[2] ? parseCount(match[2]) : null;
  if (said !== null && shown.length !== said) return null;
  return shown;
}

function lookupFailed(ref: string): Plan {
  return reply(
    `I couldn't find a task matching ${quoted(ref)}, so I haven't changed anything. Say \u201cshow my tasks\u201d to see your list.`,
  );
}

/**
 * Resolves what the user called a task. Titles need the whole task list, so the first call
 * asks for it; positions and "it" come from what the conversation already shows.
 */
export function resolveTarget(ref: TaskRef, ctx: PlanContext, preference: StatePreference): Target {
  if (ref.kind === "pronoun") {
    const task = lastTouchedTask(ctx);
    if (task) return { kind: "task", task };
    return {
      kind: "plan",
      plan: reply(
        "Which task do you mean? Give me its name, or its number in the list (\u201cthe second one\u201d).",
      ),
    };
  }
  if (ref.kind === "position") {
    const shown = lastShownList([...ctx.history, ...ctx.turn], ctx.timezone);
    if (!shown) {
      return {
        kind: "plan",
        plan: reply(
          "I haven't shown you a list yet \u2014 say \u201cshow my tasks\u201d first, then pick one by number.",
        ),
      };
    }
    const task = resolveByPosition(ref.position, shown);
    if (task) return { kind: "task", task };
    const label = ref.position === "last" ? "a last task" : `a task number ${ref.position}`;
    return {
      kind: "plan",
      plan: reply(
        `The last list had ${shown.length} task${shown.length === 1 ? "" : "s"}, so there isn't ${label}.`,
      ),
    };
  }
  if (ALL_SHOWN.test(ref.text) || EVERY_TASK.test(ref.text))
    return { kind: "plan", plan: reply(SEVERAL_HINT) };
  const { tasks, failed, count } = lookedUp(ctx);
  if (failed) return { kind: "plan", plan: reply(failureText(failed, "look up your tasks")) };
  const next = lookupInput(preference, ctx, count);
  if (count === 0 && next) return { kind: "plan", plan: callTool("list_tasks", next) };
  const resolution = resolveByTitle(ref.text, tasks, preference);
  const exact = resolution.kind === "found" && isTitleOf(ref.text, resolution.task);
  const search = next ?? (exact ? null : searchPastPage(ref.text, ctx, tasks));
  if (search && !exact) return { kind: "plan", plan: callTool("list_tasks", search) };
  if (resolution.kind === "found") return { kind: "task", task: resolution.task };
  if (resolution.kind === "none") return { kind: "plan", plan: lookupFailed(ref.text) };
  const names = resolution.candidates.slice(0, 5).map((task) => task.title);
  return {
    kind: "plan",
    plan: reply(
      `More than one task matches ${quoted(ref.text)}: ${quotedList(names)}. Which one do you mean?`,
    ),
  };
}

/** "1 and 3", "buy milk, call mom and the last one": the parts of a list of tasks. */
function partsOf(ref: TaskRef): string[] {
  if (ref.kind !== "title") return [];
  const text = ref.text
    .replace(/^(?:the\s+)?(?:tasks|items|numbers|todos)\s+/i, "")
    .replace(/\s+(?:ones|tasks|items|todos)$/i, "");
  const parts = text.split(/\s*,\s*(?:and\s+)?|\s+and\s+|\s*&\s*/i).filter(Boolean);
  return parts.length >= 2 ? parts : [];
}

/**
 * Several tasks named at once ("complete 1 and 3", "delete buy milk and call mom"): each part
 * names exactly one task, all different, and no task's title holds the whole text. Null
 * otherwise (also while the titles still need the lookup of the task list).
 */
export function resolveSeveral(
  ref: TaskRef,
  ctx: PlanContext,
  preference: StatePreference,
): TaskView[] | null {
  const shownAll = allShown(ref, ctx);
  if (shownAll) return shownAll;
  const parts = partsOf(ref).map(parseTaskRef);
  if (parts.length === 0) return null;
  const titled = allLookedUp(preference, ctx);
  // A task whose title holds the whole phrase ("salt and pepper") is one task.
  if (titled && ref.kind === "title" && someTitleCovers(ref.text, titled)) return null;
  const shown = lastShownList([...ctx.history, ...ctx.turn], ctx.timezone);
  const found: TaskView[] = [];
  for (const part of parts) {
    let task: TaskView | null = null;
    if (part.kind === "position") {
      task = shown ? resolveByPosition(part.position, shown) : null;
    } else if (part.kind === "title" && titled) {
      const resolution = resolveByTitle(part.text, titled, preference);
      task = resolution.kind === "found" ? resolution.task : null;
    }
    if (!task || found.some((other) => other.id === task.id)) return null;
    found.push(task);
  }
  return found;
}

/** `quoted` re-exported for the planners that phrase targets. */
export { quoted };
