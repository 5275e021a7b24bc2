/** A misspelt date word and the word meant. */
export interface DateTypo {
  start: number;
  end: number;
  spelled: string;
}

// Whole date words only: "mar", "may", "june", "july" and the short weekday forms are one slip
// from too many ordinary words ("match", "marsh", "junk", "jury"), so they are never corrected.
const DATE_WORDS = [
  "monday",
  "tuesday",
  "wednesday",
  "thursday",
  "friday",
  "saturday",
  "sunday",
  "january",
  "february",
  "april",
  "august",
  "september",
  "october",
  "november",
  "december",
  "tomorrow",
];
/** Common misspellings two slips away. */
const KNOWN_TYPOS: Readonly<Record<string, string>> = {
  wensday: "wednesday",
  wendsday: "wednesday",
  wendesday: "wednesday",
};
/** Real words and names one slip from a date word, never corrected. */
// Checked against the 85,000 words of wink's English lexicon: "sunray" was the only other one.
const NOT_TYPOS = new Set([
  "sundae",
  "sundry",
  "sunray",
  "sunda",
  "frida",
  "fridah",
  "augusta",
  "aprile",
]);

// Not inside a web or email address ("fridy.com", "sam@fridy.io").
const WORD = /(?<![\p{L}\p{N}@./_-])\p{L}{5,10}(?![\p{L}\p{N}@/_-]|\.[\p{L}\p{N}])/gu;

/**
 * Date words with one slip (a letter missing, added, changed or two swapped): "tomorow",
 * "wednsday", "fridy", "satruday", "febuary", "janurary". The first letter must be right, and
 * plurals ("mondays") and real words ("sundae", "frida") stay as written.
 */
export function findDateTypos(scan: string): DateTypo[] {
  const typos: DateTypo[] = [];
  for (const match of scan.matchAll(WORD)) {
    const word = match[0].toLowerCase();
    const meant = KNOWN_TYPOS[word] ?? closestDateWord(word);
    if (meant) typos.push({ start: match.index, end: match.index + word.length, spelled: meant });
  }
  return typos;
}

function closestDateWord(word: string): string | null {
  if (NOT_TYPOS.has(word)) return null;
  for (const target of DATE_WORDS) {
    if (word === target || word === `${target}s` || word[0] !== target[0]) continue;
    if (Math.abs(word.length - target.length) <= 1 && isOneSlip(word, target)) return target;
  }
  return null;
}

/** Optimal string alignment distance is exactly 1. */
function isOneSlip(a: string, b: string): boolean {
  let previous2: number[] = [];
  let previous = Array.from({ length: b.length + 1 }, (_, index) => index);
  for (let i = 1; i <= a.length; i += 1) {
    const current = [i];
    for (let j = 1; j <= b.length; j += 1) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(
        (previous[j] ?? 0) + 1,
        (current[j - 1] ?? 0) + 1,
        (previous[j - 1] ?? 0) + cost,
      );
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        best = Math.min(best, (previous2[j - 2] ?? 0) + 1);
      }
      current.push(best);
    }
    previous2 = previous;
    previous = current;
  }
  return previous[b.length] === 1;
}
