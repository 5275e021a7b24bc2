import type { TaskView } from "./offline.types.js";

/** The outcome of looking a task up by what the user called it. */
export type Resolution =
  | { kind: "found"; task: TaskView }
  | { kind: "ambiguous"; candidates: TaskView[] }
  | { kind: "none" };

/** Which state the action expects the task to be in, so "complete milk" skips done ones. */
export type StatePreference = "pending" | "completed" | "any";

const STOPWORDS = new Set([
  "the",
  "a",
  "an",
  "my",
  "to",
  "for",
  "of",
  "about",
  "on",
  "in",
  "with",
  "and",
  "task",
  "todo",
  "that",
  "this",
  "i",
  "me",
  "one",
  "thing",
  "item",
  "called",
  "named",
]);

function normalize(text: string): string {
  return text
    .toLowerCase()
    .replace(/[\u2018\u2019']/g, "")
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim();
}

function stem(word: string): string {
  if (word.length <= 4) return word;
  return word.replace(/(?:ing|ed|es|s)$/, "");
}

function tokensOf(text: string): string[] {
  return normalize(text)
    .split(" ")
    .filter((token) => token && !STOPWORDS.has(token));
}

/** One slip (insert, delete, substitute, swap) between two words of four letters or more. */
function withinOneSlip(a: string, b: string): boolean {
  if (a.length < 4 || b.length < 4 || Math.abs(a.length - b.length) > 1) return false;
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  if (a.length === b.length) {
    if (a.slice(i + 1) === b.slice(i + 1)) return true;
    return a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2);
  }
  return a.length > b.length ? a.slice(i + 1) === b.slice(i) : a.slice(i) === b.slice(i + 1);
}

function tokenMatches(query: string, title: string): boolean {
  return (
    query === title ||
    stem(query) === stem(title) ||
    (query.length >= 3 && title.startsWith(query)) ||
    withinOneSlip(query, title)
  );
}

interface Scored {
  task: TaskView;
  exact: boolean;
  coverage: number;
  /** The share of the phrase's words found as such (or by stem), not as a prefix or a slip. */
  strongCoverage: number;
}

function score(query: string, task: TaskView): Scored {
  const normalizedQuery = normalize(query);
  const normalizedTitle = normalize(task.title);
  const exact = normalizedQuery === normalizedTitle;
  const queryTokens = tokensOf(query);
  const titleTokens = tokensOf(task.title);
  if (queryTokens.length === 0) return { task, exact, coverage: 0, strongCoverage: 0 };
  const matched = queryTokens.filter((q) => titleTokens.some((t) => tokenMatches(q, t))).length;
  const strong = queryTokens.filter((q) =>
    titleTokens.some((t) => q === t || stem(q) === stem(t)),
  ).length;
  const substring =
    normalizedQuery.length >= 3 && ` ${normalizedTitle} `.includes(` ${normalizedQuery} `);
  return {
    task,
    exact,
    coverage: substring ? 1 : matched / queryTokens.length,
    strongCoverage: substring ? 1 : strong / queryTokens.length,
  };
}

function preferState(candidates: Scored[], preference: StatePreference): Scored[] {
  if (preference === "any") return candidates;
  const wanted = candidates.filter((c) => c.task.completed === (preference === "completed"));
  return wanted.length > 0 ? wanted : candidates;
}

function settle(candidates: Scored[], preference: StatePreference): Resolution | null {
  if (candidates.length === 0) return null;
  const preferred = preferState(candidates, preference);
  if (preferred.length === 1 && preferred[0]) return { kind: "found", task: preferred[0].task };
  return { kind: "ambiguous", candidates: preferred.map((c) => c.task) };
}

/**
 * Finds the task a phrase names: an exact title wins, then titles containing every word of the
 * phrase (stems, prefixes and one-letter slips count), then titles sharing most of its words
 * (whole words or stems only).
 * Two equally good matches are ambiguous: the caller must ask, never guess.
 */
export function resolveByTitle(
  query: string,
  tasks: readonly TaskView[],
  preference: StatePreference = "any",
): Resolution {
  const scored = tasks.map((task) => score(query, task));
  const exact = settle(
    scored.filter((s) => s.exact),
    preference,
  );
  if (exact) return exact;
  const full = settle(
    scored.filter((s) => s.coverage === 1),
    preference,
  );
  if (full) return full;
  if (tokensOf(query).length < 2) return { kind: "none" };
  // A phrase only part of which is in a title names it by whole words: "car service" is not
  // "pay credit card bill", though "car" starts "card".
  const best = Math.max(0, ...scored.map((s) => s.strongCoverage));
  if (best < 0.5) return { kind: "none" };
  const partial = settle(
    scored.filter((s) => s.strongCoverage === best),
    preference,
  );
  if (partial?.kind === "ambiguous" && partial.candidates.length > 5) return { kind: "none" };
  return partial ?? { kind: "none" };
}

/** Whether the phrase is the task's title, give or take case, apostrophes and punctuation. */
export function isTitleOf(query: string, task: TaskView): boolean {
  return normalize(query) === normalize(task.title);
}

/**
 * Whether some task's title is the phrase or holds every word of it ("research and development"
 * in "Research and development budget"): then the phrase names that task, not several.
 */
export function someTitleCovers(query: string, tasks: readonly TaskView[]): boolean {
  return tasks.some((task) => {
    const scored = score(query, task);
    return scored.exact || scored.coverage === 1;
  });
}

/** The task at a 1-based position (or the last) of a list as it was shown. */
export function resolveByPosition(
  position: number | "last",
  shown: readonly TaskView[],
): TaskView | null {
  const index = position === "last" ? shown.length - 1 : position - 1;
  return shown[index] ?? null;
}
