import type { Span } from "./text.js";
import { findDateTypos } from "./typos.js";
import { MONTH_PATTERN, WEEKDAY_PATTERN } from "./words.js";

/** Text with slang date words spelled out, and the way back to positions in the original. */
export interface Respelled {
  text: string;
  /** The position in the original text of a position in `text`. */
  toOriginal: (index: number) => number;
  /** Where the words respelled from a slip ("fridy") sit in `text`. */
  slips: Span[];
}

// Not inside a web or email address either ("tonite.com", "sam@2nite.io").
const BOUNDARY_START = "(?<![\\p{L}\\p{N}@./_-])";
const BOUNDARY_END = "(?![\\p{L}\\p{N}@/_-]|\\.[\\p{L}\\p{N}])";

/**
 * Date words chrono does not read as written: slang ("tonite", "2nite", "nxt friday", with
 * "nxt" only before a date word) and "2 weeks from today".
 */
const SLANG: [pattern: RegExp, spelled: string][] = [
  [new RegExp(`${BOUNDARY_START}(?:tonite|2nite|2night)${BOUNDARY_END}`, "giu"), "tonight"],
  [
    new RegExp(
      `${BOUNDARY_START}nxt(?=\\s+(?:week|month|year|weekend|${WEEKDAY_PATTERN}|${MONTH_PATTERN})${BOUNDARY_END})`,
      "giu",
    ),
    "next",
  ],
  // "2 weeks from today" is "2 weeks from now": chrono reads only the latter as one date.
  [
    new RegExp(
      `(?<=${BOUNDARY_START}(?:\\d{1,3}|an?|one|two|three|four|five|six|seven|eight|nine|ten)\\s+(?:day|week|month|year)s?\\s+from\\s+)today${BOUNDARY_END}`,
      "giu",
    ),
    "now",
  ],
];

interface Edit {
  start: number;
  end: number;
  spelled: string;
  slip?: boolean;
}

/**
 * Spells out slang date words, and date words with one slip ("wednsday", "febuary"), so the
 * date rules and chrono can read them.
 */
export function respellSlang(scan: string): Respelled {
  // "tomorrow" names no film night or book as weekdays do: its slips count as surely as it does.
  const edits: Edit[] = findDateTypos(scan).map((typo) => ({
    ...typo,
    slip: typo.spelled !== "tomorrow",
  }));
  for (const [pattern, spelled] of SLANG) {
    for (const match of scan.matchAll(pattern)) {
      edits.push({ start: match.index, end: match.index + match[0].length, spelled });
    }
  }
  if (edits.length === 0) return { text: scan, toOriginal: (index) => index, slips: [] };
  edits.sort((a, b) => a.start - b.start);
  let text = "";
  let from = 0;
  // Where each spelled-out word sits in the new text, with its original span.
  const placed: { newStart: number; newEnd: number; end: number }[] = [];
  const slips: Span[] = [];
  for (const edit of edits) {
    text += scan.slice(from, edit.start);
    placed.push({
      newStart: text.length,
      newEnd: text.length + edit.spelled.length,
      end: edit.end,
    });
    if (edit.slip) slips.push({ start: text.length, end: text.length + edit.spelled.length });
    text += edit.spelled;
    from = edit.end;
  }
  text += scan.slice(from);
  const toOriginal = (index: number): number => {
    let delta = 0;
    for (const word of placed) {
      if (index <= word.newStart) break;
      // Inside a spelled-out word: spans never start there, so map to its original end.
      if (index < word.newEnd) return word.end;
      delta = word.end - word.newEnd;
    }
    return index + delta;
  };
  return { text, toOriginal, slips };
}
