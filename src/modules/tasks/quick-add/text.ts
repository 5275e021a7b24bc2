/** A half-open range [start, end) of the text. */
export interface Span {
  start: number;
  end: number;
}

/** Replaces spans with a same-length filler so every index still points into the original. */
export function blank(text: string, spans: readonly Span[], filler: string): string {
  if (spans.length === 0) return text;
  // One pass over code units: thousands of spans (a pasted "p1 p1 p1…") stay linear.
  const units = text.split("");
  for (const span of spans) units.fill(filler, span.start, span.end);
  return units.join("");
}

/** Splits "title // description" at the first " // " (description trimmed; null when absent). */
export function splitDescription(text: string): { head: string; description: string | null } {
  const at = text.indexOf(" // ");
  if (at < 0) {
    // "call mom //" with nothing after it: drop the marker, no description.
    return { head: text.replace(/\s\/\/\s*$/u, ""), description: null };
  }
  const description = text.slice(at + 4).trim();
  return { head: text.slice(0, at), description: description === "" ? null : description };
}

const QUOTED = /"[^"\n]+"|“[^”\n]+”/gu;

/** Spans of "quoted" or “curly-quoted” text, quotes included; an unmatched quote is ordinary text. */
export function findQuotedSpans(text: string): Span[] {
  return [...text.matchAll(QUOTED)].map((match) => ({
    start: match.index,
    end: match.index + match[0].length,
  }));
}

// A tag starts after whitespace or opening punctuation, so "a#b" and "https://x.com/#top" are not
// tags, and must contain a letter, so "bug #123" keeps its issue number.
const TAG = /(?<=^|[\s([{,;])[#@](?<name>[\p{L}\p{N}_][\p{L}\p{N}_\-/.]*)/gu;

/** Finds #tags and @tags: their spans and their lower-cased names (deduplicated, in order). */
export function findTags(scan: string): { spans: Span[]; tags: string[] } {
  const spans: Span[] = [];
  const tags: string[] = [];
  for (const match of scan.matchAll(TAG)) {
    const name = (match.groups?.name ?? "").replace(/[-/.]+$/u, "");
    if (!/\p{L}/u.test(name)) continue;
    const start = match.index;
    spans.push({ start, end: start + 1 + name.length });
    const lowered = name.toLowerCase();
    if (!tags.includes(lowered)) tags.push(lowered);
  }
  return { spans, tags };
}

/** Task priority, from "none" to "high". */
export type Priority = "none" | "low" | "medium" | "high";

const PRIORITY_MARKER = /(?<=^|\s)p(?<level>[1-4])(?=$|[\s,.;!?)])/giu;
const PRIORITY_LEVELS: Readonly<Record<string, Priority>> = {
  "1": "high",
  "2": "medium",
  "3": "low",
  "4": "none",
};

/** Finds Todoist-style p1–p4 markers (standalone tokens only); the last one wins. */
export function findPriority(scan: string): { spans: Span[]; priority: Priority } {
  const spans: Span[] = [];
  let priority: Priority = "none";
  for (const match of scan.matchAll(PRIORITY_MARKER)) {
    spans.push({ start: match.index, end: match.index + match[0].length });
    priority = PRIORITY_LEVELS[match.groups?.level ?? "4"] ?? "none";
  }
  return { spans, priority };
}

/**
 * Builds the title: the head without the removed spans, quote marks dropped around literal
 * parts, whitespace collapsed and stray separators trimmed.
 */
export function assembleTitle(head: string, removed: Span[], quoted: Span[]): string {
  const drop = new Uint8Array(head.length);
  for (const span of removed) drop.fill(1, span.start, span.end);
  for (const span of quoted) {
    drop[span.start] = 1;
    drop[span.end - 1] = 1;
  }
  let title = "";
  let gap = false;
  for (let index = 0; index < head.length; index += 1) {
    if (drop[index] === 1) {
      gap = true;
      continue;
    }
    // A removed span leaves a word break behind, never a join ("buy#x milk" is not a case).
    if (gap && title !== "" && !/\s/u.test(head[index] ?? "")) title += " ";
    gap = false;
    title += head.charAt(index);
  }
  return tidy(title);
}

function tidy(title: string): string {
  return title
    .replace(/\s+/gu, " ")
    .replace(/\s+([,.;:!?])/gu, "$1")
    .replace(/^[\s,;:\-–—]+/u, "")
    .replace(/[\s,;:\-–—]+$/u, "")
    .replace(/,(?=[.!?]$)/u, "")
    .trim();
}

// Words that only introduce a date ("submit report by friday"), removed with it.
const CONNECTORS = new Set([
  "at",
  "on",
  "by",
  "due",
  "before",
  "until",
  "till",
  "for",
  "from",
  "starting",
  "sometime",
]);
// Phrasal verbs whose particle belongs to the title: "stop by friday" keeps "stop by".
const PHRASAL: Readonly<Record<string, ReadonlySet<string>>> = {
  by: new Set(["stop", "drop", "come", "swing", "pass", "go", "get", "stand", "pop"]),
  on: new Set([
    "log",
    "turn",
    "switch",
    "follow",
    "catch",
    "carry",
    "hold",
    "count",
    "rely",
    "sign",
    "put",
    "try",
    "move",
    "pass",
    "check",
  ]),
  at: new Set(["look", "arrive", "aim", "point", "stare", "laugh", "shoot", "stay", "eat"]),
  for: new Set([
    "look",
    "ask",
    "apply",
    "wait",
    "pay",
    "sign",
    "prepare",
    "search",
    "shop",
    "vote",
    "register",
    "care",
    "account",
    "study",
  ]),
  from: new Set(["hear", "order", "pick", "borrow", "buy", "take", "get"]),
};

/**
 * Moves a date span's start left over the connector words before it ("due by", "at"), unless
 * the connector is a verb's particle ("stop by", "log on") and so belongs to the title.
 */
export function extendOverConnectors(head: string, start: number): number {
  let current = start;
  for (let step = 0; step < 2; step += 1) {
    const before = wordBefore(head, current);
    if (!before || !CONNECTORS.has(before.word)) break;
    if (PHRASAL[before.word]?.has(wordBefore(head, before.start)?.word ?? "")) break;
    // Only "due" and "sometime" may stand before another connector ("due by friday").
    if (step === 1 && before.word !== "due" && before.word !== "sometime") break;
    current = before.start;
  }
  return current;
}

/** Whether the connector starting at `start` ("on" in "log on mondays") is a verb's particle. */
export function isVerbParticle(head: string, start: number): boolean {
  const connector = /^\p{L}+/u.exec(head.slice(start))?.[0].toLowerCase() ?? "";
  return PHRASAL[connector]?.has(wordBefore(head, start)?.word ?? "") ?? false;
}

/** The lower-cased word just before `index` (only whitespace between), and where it starts. */
function wordBefore(head: string, index: number): { word: string; start: number } | null {
  const window = head.slice(Math.max(0, index - 40), index);
  const match = /(?<![\p{L}\p{N}])(?<word>\p{L}+)\s+$/u.exec(window);
  if (!match?.groups?.word) return null;
  return { word: match.groups.word.toLowerCase(), start: index - match[0].length };
}
