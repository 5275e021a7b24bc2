/** Forgives one slip in the leading command verb, so "delte buy milk" still deletes. */

const VERBS = [
  "add",
  "delete",
  "remove",
  "complete",
  "finish",
  "mark",
  "rename",
  "move",
  "postpone",
  "reschedule",
  "show",
  "list",
  "reopen",
  "create",
  "remind",
  "change",
  "check",
  "cancel",
];
/** Real words one slip away from a verb, never corrected. */
const NOT_TYPOS = new Set([
  "last",
  "lost",
  "more",
  "love",
  "made",
  "mask",
  "shot",
  "shoe",
  "dad",
  "ad",
]);

/** Optimal string alignment distance, capped: only "one slip" matters here. */
function slipDistance(a: string, b: string): number {
  if (Math.abs(a.length - b.length) > 1) return 2;
  const rows: number[][] = [];
  for (let i = 0; i <= a.length; i++) {
    const row: number[] = [];
    for (let j = 0; j <= b.length; j++) {
      if (i === 0 || j === 0) {
        row.push(i + j);
        continue;
      }
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(
        (rows[i - 1]?.[j] ?? 0) + 1,
        (row[j - 1] ?? 0) + 1,
        (rows[i - 1]?.[j - 1] ?? 0) + cost,
      );
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        best = Math.min(best, (rows[i - 2]?.[j - 2] ?? 0) + 1);
      }
      row.push(best);
    }
    rows.push(row);
  }
  return rows[a.length]?.[b.length] ?? 2;
}

/** Fixes one slip in the leading verb ("delte buy milk", "compelte it"). */
export function fixLeadingTypo(text: string): string {
  const match = /^(\S+)(.*)$/s.exec(text);
  const first = match?.[1]?.toLowerCase() ?? "";
  if (first.length < 4 || VERBS.includes(first) || NOT_TYPOS.has(first)) return text;
  // Inflections ("completed", "lists", "moving") are words, not slips; a verb missing its last
  // "e" ("delet", "complet") is a slip.
  const stem = VERBS.find((verb) => verb.endsWith("e") && first === verb.slice(0, -1));
  if (stem) return stem + (match?.[2] ?? "");
  if (VERBS.some((verb) => first.startsWith(verb) || first.startsWith(verb.replace(/e$/, ""))))
    return text;
  const close = VERBS.filter((verb) => verb.length >= 4 && slipDistance(first, verb) === 1);
  return close.length === 1 && close[0] ? close[0] + (match?.[2] ?? "") : text;
}
