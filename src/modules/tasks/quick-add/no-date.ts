import type { Span } from "./text.js";

/** Words that say a task has no due date ("learn piano someday"), and where they were written. */
export interface NoDateMarker extends Span {
  /** At the end of the text it wins over any date before it ("watch tomorrow never dies someday"). */
  trailing: boolean;
}

// "no date" is a sentence's object after a verb ("the deploy has no date"), not a marker.
const MARKER =
  "(?:(?<!(?:has|have|had|is|are|was|with|needs?|got)\\s+)no\\s+(?:due\\s+)?date|some\\s*day|sometime(?:\\s+soon)?|whenever|at\\s+some\\s+point|eventually)";
// After some title: "someday" alone is a task called "someday". Tags and priority markers are
// blanked with spaces, so "call mom sometime p3 #family" ends here too.
const TRAILING = new RegExp(`(?<=\\S\\s+)${MARKER}(?=[\\s.,;:!?]*$)`, "iu");
// "someday: learn piano", "sometime - read that book": set apart, since titles begin with these
// words too ("Someday My Prince Will Come", "some day trip", "sometime in april").
const LEADING = /^\s*(?:someday|sometime)\s*[:,\-–—]\s*(?=\S)/iu;

/** Finds "someday", "sometime", "whenever", "no date"… at the end or the start of `scan`. */
export function findNoDateMarker(scan: string): NoDateMarker | null {
  const trailing = TRAILING.exec(scan);
  if (trailing) {
    return { start: trailing.index, end: trailing.index + trailing[0].length, trailing: true };
  }
  const leading = LEADING.exec(scan);
  return leading ? { start: 0, end: leading[0].length, trailing: false } : null;
}
