/** Words inside commands: task references, priorities, tags. */

import type { TaskRef } from "./intent.types.js";
import type { Priority } from "./offline.types.js";

const ORDINALS: Record<string, number> = {
  first: 1,
  second: 2,
  third: 3,
  fourth: 4,
  fifth: 5,
  sixth: 6,
  seventh: 7,
  eighth: 8,
  ninth: 9,
  tenth: 10,
};

/** Straight apostrophes and single spaces. */
export function tidy(text: string): string {
  return text
    .replace(/[\u2018\u2019]/g, "'")
    .replace(/\s+/g, " ")
    .trim();
}

/** The text inside surrounding quotes, or the text. */
export function unquote(text: string): string {
  const match = /^["\u201c'](.*)["\u201d']$/.exec(text.trim());
  return (match?.[1] ?? text).trim();
}

/** Reads a task reference: "the second one", "#3", "it", "the task about the dentist". */
export function parseTaskRef(raw: string): TaskRef {
  let text = unquote(tidy(raw).replace(/[.!?]+$/, ""));
  const lower = text.toLowerCase();
  const ordinal =
    /^(?:(?:the|that|this)\s+(?:very\s+)?)?(first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|last|\d+(?:st|nd|rd|th)?)(?:\s+(?:one|task|item|todo|thing))?(?:\s+(?:on|in|from)\s+(?:the|my|that)\s+list)?$/.exec(
      lower,
    );
  if (ordinal?.[1]) {
    const word = ordinal[1];
    if (word === "last") return { kind: "position", position: "last" };
    const position = ORDINALS[word] ?? Number.parseInt(word, 10);
    if (Number.isInteger(position) && position > 0) return { kind: "position", position };
  }
  const numbered = /^(?:(?:task|item|number|no\.?|todo)\s*#?\s*|#)(\d{1,3})$/.exec(lower);
  if (numbered?.[1]) return { kind: "position", position: Number(numbered[1]) };
  if (
    /^(?:it|that|this|them|that one|this one|the same one|that task|this task|the task|that item|this item|the one i just (?:added|created|made))$/.test(
      lower,
    )
  ) {
    return { kind: "pronoun" };
  }
  // Filler around the title: "the task about the dentist", "my buy milk task".
  const fillers = [
    /^(?:the|my|a|an|that|this)\s+(?:task|todo|to-do|item|one|reminder)\s+(?:about|called|named|titled|for|to|with)\s+/i,
    /^(?:the|my)\s+/i,
    /^(?:task|todo|to-do|item|reminder)\s*:?\s+/i,
    /\s+(?:task|todo|item|reminder)$/i,
    /\s+(?:from|off|on|in)\s+(?:my|the)\s+(?:list|tasks|todo list|to-do list|todos)$/i,
  ];
  for (let pass = 0; pass < 2; pass++) {
    for (const filler of fillers) text = text.replace(filler, "");
  }
  return { kind: "title", text: unquote(text) };
}

/** Reads a priority word ("urgent", "p2", "low priority"); null when it is not one. */
export function parsePriorityWord(raw: string): Priority | null {
  const text = raw
    .toLowerCase()
    .replace(/[-_]/g, " ")
    .replace(/\s*priority$/, "")
    .replace(/^(?:a|an)\s+/, "")
    .trim();
  if (
    /^(?:high|highest|urgent|important|top|critical|asap|p1|very important|very urgent)$/.test(text)
  )
    return "high";
  if (/^(?:medium|normal|mid|moderate|p2)$/.test(text)) return "medium";
  if (/^(?:low|lowest|minor|p3|not urgent|not important|less urgent|unimportant)$/.test(text))
    return "low";
  if (/^(?:none|no|p4|nothing)$/.test(text)) return "none";
  return null;
}

/** Tags from "#home, #work and errands". */
export function parseTags(raw: string): string[] {
  return raw
    .split(/[\s,]+|\band\b/)
    .map((tag) => tag.replace(/^#/, "").trim())
    .filter((tag) => /^[\p{L}\p{N}_-]{1,50}$/u.test(tag));
}
