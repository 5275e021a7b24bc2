// Questions about one task's details that change nothing: "tell me about the dentist", "what's
// the priority of pay rent?", "what tags does gym have?", "is the report overdue?".
import type { Intent } from "./intent.types.js";
import { parsePriorityWord, parseTaskRef } from "./intent.words.js";

/** What a reference names when it is no task: a day, the list, the assistant. */
const NOT_ONE_TASK =
  /^(?:(?:my|the|all|your|this|next)\s+)?(?:tasks|task(?!\s*#?\d)|to-?dos?|list|day|week|weekend|month|schedule|agenda|plans?|today|tonight|tomorrow|everything|anything|something|nothing|there|any|all|yourself|you|me|overdue|(?:mon|tues|wednes|thurs|fri|satur|sun)day)\b/i;

type DetailIntent = Extract<Intent, { kind: "detail-query" }>;
type DetailRule = [
  RegExp,
  (match: RegExpExecArray) => Omit<DetailIntent, "kind" | "ref" | "text"> | null,
];

const TASK = "(?:the\\s+)?(.+?)";

/** The wordings, each with the aspect it asks about; the first capture names the task. */
const DETAIL_RULES: DetailRule[] = [
  // Everything about it.
  [
    new RegExp(
      `^(?:tell me|what (?:do|can) you (?:know|tell me))\\s+(?:more\\s+)?about\\s+${TASK}$`,
      "i",
    ),
    () => ({ aspect: "all" }),
  ],
  [new RegExp(`^describe\\s+${TASK}$`, "i"), () => ({ aspect: "all" })],
  // "status of pay rent", "what's the status of call mom", "any details on the dentist?".
  [
    new RegExp(
      `^(?:what(?:'s|s|\\s+is)\\s+)?(?:the\\s+)?status\\s+(?:of|for|on)\\s+${TASK}$|^any\\s+(?:details?|info|news)\\s+(?:on|about|for)\\s+${TASK}$`,
      "i",
    ),
    () => ({ aspect: "all" }),
  ],
  [
    new RegExp(
      `^(?:(?:show|give|get)\\s+(?:me\\s+)?)?(?:the\\s+|more\\s+|full\\s+|all\\s+(?:the\\s+)?)?(?:details?|info|information)\\s+(?:of|for|on|about)\\s+${TASK}$`,
      "i",
    ),
    () => ({ aspect: "all" }),
  ],
  // Its priority.
  [
    new RegExp(`^(?:the\\s+)?priority\\s+(?:of|for|on)\\s+${TASK}$`, "i"),
    () => ({ aspect: "priority" }),
  ],
  [
    new RegExp(`^what(?:'s|s|\\s+is)\\s+(?:the\\s+)?priority\\s+(?:of|for|on)\\s+${TASK}$`, "i"),
    () => ({ aspect: "priority" }),
  ],
  [/^what(?:'s|s|\s+is)\s+(?:the\s+)?(.+?)(?:'s|s')\s+priority$/i, () => ({ aspect: "priority" })],
  [
    new RegExp(`^what\\s+priority\\s+(?:is|does|has)\\s+${TASK}(?:\\s+(?:have|got))?$`, "i"),
    () => ({ aspect: "priority" }),
  ],
  [
    new RegExp(`^how\\s+(?:important|urgent)\\s+is\\s+${TASK}$`, "i"),
    () => ({ aspect: "priority" }),
  ],
  [
    new RegExp(
      `^is\\s+${TASK}\\s+(?:a\\s+|an\\s+)?((?:high|low|medium|top|normal)(?:[\\s-]+priority)?|urgent|important|p[1-4])$`,
      "i",
    ),
    (m) => {
      const priority = parsePriorityWord(m[2] ?? "");
      return priority ? { aspect: "priority", priority } : null;
    },
  ],
  // Its tags.
  [
    new RegExp(
      `^(?:the\\s+)?(?:tags?|labels?)\\s+(?:of|for|on)\\s+${TASK}$|^which\\s+(?:tags?|labels?)\\s+(?:are|is)\\s+(?:on|in)\\s+${TASK}$`,
      "i",
    ),
    () => ({ aspect: "tags" }),
  ],
  [
    new RegExp(
      `^what\\s+(?:tags?|labels?)\\s+(?:does|do|is|are)\\s+${TASK}\\s+(?:have|has|got|tagged(?:\\s+with)?)$`,
      "i",
    ),
    () => ({ aspect: "tags" }),
  ],
  [
    new RegExp(
      `^what(?:'s|s|\\s+is|\\s+are|'re)\\s+(?:the\\s+)?(?:tags?|labels?)\\s+(?:on|of|for)\\s+${TASK}$`,
      "i",
    ),
    () => ({ aspect: "tags" }),
  ],
  [
    new RegExp(
      `^(?:what(?:'s|s|\\s+is)|how(?:'s|\\s+is))\\s+${TASK}\\s+tagged(?:\\s+(?:with|as))?$`,
      "i",
    ),
    () => ({ aspect: "tags" }),
  ],
  [
    new RegExp(
      `^(?:is|was)\\s+${TASK}\\s+(?:tagged|labell?ed)\\s+(?:with\\s+|as\\s+)?#?([\\p{L}\\p{N}_-]+)$`,
      "iu",
    ),
    (m) => ({ aspect: "tags", tag: m[2] ?? "" }),
  ],
  // Whether it is late.
  [
    new RegExp(`^is\\s+${TASK}\\s+(?:overdue|late|past due)(?:\\s+(?:yet|already|now))?$`, "i"),
    () => ({ aspect: "overdue" }),
  ],
  // Whether and how it repeats.
  [
    new RegExp(
      `^(?:is|does)\\s+${TASK}\\s+(?:recurring|repeating|repeat|recur|a\\s+(?:recurring|repeating)\\s+(?:task|one))$`,
      "i",
    ),
    () => ({ aspect: "repeat" }),
  ],
  [
    new RegExp(`^how\\s+often\\s+(?:does|do|is)\\s+${TASK}\\s+(?:repeat|recur|due|come up)$`, "i"),
    () => ({ aspect: "repeat" }),
  ],
];

/** "What's the due date of pay rent?", "what's the deadline for the report?": its due date. */
const DUE_DATE_OF = new RegExp(
  `^(?:what(?:'s|s|\\s+is)\\s+)?(?:the\\s+)?(?:due\\s+date|deadline|due\\s+time)\\s+(?:of|for|on)\\s+${TASK}$|^(?:what(?:'s|s|\\s+is)\\s+)?(?:the\\s+)?(.+?)(?:'s|s'|\\s)\\s*(?:due\\s+date|deadline)$`,
  "i",
);

/**
 * A question about one task's details, changing nothing; `text` is the message without
 * politeness or trailing punctuation, `raw` as typed. Null for anything else, and for a
 * question about the list or a day ("tell me about my tasks", "tell me about today").
 */
export function parseDetailQuery(text: string, raw: string): Intent | null {
  const due = DUE_DATE_OF.exec(text);
  const dueTarget = (due?.[1] ?? due?.[2])?.trim();
  // "what's the deadline", "my deadline": no task named; "walk has no deadline", "which tasks
  // have no deadline": a sentence, not a title.
  if (
    dueTarget &&
    !NOT_ONE_TASK.test(dueTarget) &&
    !/^(?:the|my|a|an|our|your|this|that)$/i.test(dueTarget) &&
    !/\b(?:has|have|had|no|not|is|are|was|were|needs?|without|any|which|does|doesn't|don't|set|change|move|remove)\b/i.test(
      dueTarget,
    )
  )
    return { kind: "due-query", ref: parseTaskRef(dueTarget), text: raw };
  for (const [pattern, build] of DETAIL_RULES) {
    const match = pattern.exec(text);
    // The task is the first part said (rules with two wordings capture it in either).
    const target = match
      ?.slice(1)
      .find((part) => part !== undefined)
      ?.trim();
    if (!match || !target || NOT_ONE_TASK.test(target)) continue;
    const detail = build(match);
    if (detail) return { kind: "detail-query", ref: parseTaskRef(target), text: raw, ...detail };
  }
  return null;
}
