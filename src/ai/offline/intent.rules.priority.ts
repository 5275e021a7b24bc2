// The priority rules of the offline assistant's parser: "make X urgent", "X is low priority".
// RULES (intent.rules.ts) tries them after the tag rules.
import type { Intent, TaskRef } from "./intent.types.js";
import { parsePriorityWord, parseTaskRef } from "./intent.words.js";

type Rule = [RegExp, (match: RegExpExecArray) => Intent | null];

const ref = (text: string | undefined): TaskRef => parseTaskRef(text ?? "");

/** "buy milk isn't important": a title, then what is said about it. */
export const NOT_IMPORTANT =
  /^(.+?)\s+(?:isn't|isnt|is not|aren't|are not)\s+(?:that\s+|very\s+|so\s+)?(?:urgent|important|a priority)(?:\s+any\s?more)?$/i;
/** "gym is high priority", "gym is urgent". */
export const IS_PRIORITY =
  /^(.+?)\s+is\s+(?:a\s+|an\s+)?((?:high|low|medium|top|normal)\s+priority|urgent|important|not urgent|not important|p[1-4])$/i;

function priorityIntent(target: string | undefined, word: string | undefined): Intent | null {
  const priority = parsePriorityWord(word ?? "");
  return priority ? { kind: "priority", ref: ref(target), priority } : null;
}

/** The priority rules, in the order they are tried. */
export const PRIORITY_RULES: Rule[] = [
  [
    /^(?:remove|clear|drop|reset)\s+(?:the\s+)?priority\s+(?:from|of|on|for)\s+(.+)$/i,
    (m) => ({ kind: "priority", ref: ref(m[1]), priority: "none" }),
  ],
  [
    /^(?:set|change|update|make)\s+(?:the\s+)?priority\s+(?:of|for|on)\s+(.+?)\s+(?:to|as)\s+(.+)$/i,
    (m) => priorityIntent(m[1], m[2]),
  ],
  [
    /^(?:set|change|update)\s+(.+?)(?:'s)?\s+priority\s+(?:to|as)\s+(.+)$/i,
    (m) => priorityIntent(m[1], m[2]),
  ],
  [
    /^(?:set|mark|flag|make)\s+(.+?)\s+(?:as|to)\s+(.+?)(?:\s+priority)?$/i,
    (m) => priorityIntent(m[1], m[2]),
  ],
  [
    /^make\s+(.+?)\s+((?:a\s+|an\s+)?(?:top |high |low |medium |less |more |not |very )?(?:urgent|important|priority|p[1-4]))$/i,
    (m) => priorityIntent(m[1], m[2]),
  ],
  [
    /^(?:prioriti[sz]e|flag)\s+(.+)$/i,
    (m) => ({ kind: "priority", ref: ref(m[1]), priority: "high" }),
  ],
  [/^(?:deprioriti[sz]e)\s+(.+)$/i, (m) => ({ kind: "priority", ref: ref(m[1]), priority: "low" })],
  [
    /^(?:lower|reduce|decrease|drop)\s+(?:the\s+)?priority\s+(?:of|on|for)\s+(.+)$/i,
    (m) => ({ kind: "priority", ref: ref(m[1]), priority: "low" }),
  ],
  [
    /^(?:raise|increase|bump(?:\s+up)?|up|boost)\s+(?:the\s+)?priority\s+(?:of|on|for)\s+(.+)$/i,
    (m) => ({ kind: "priority", ref: ref(m[1]), priority: "high" }),
  ],
  [NOT_IMPORTANT, (m) => ({ kind: "priority", ref: ref(m[1]), priority: "low" })],
  [IS_PRIORITY, (m) => priorityIntent(m[1], m[2])],
  // "bump gym priority", "lower the report's priority".
  [
    /^(?:bump|raise|up|boost|increase)\s+(?:the\s+)?(.+?)(?:'s)?\s+priority(?:\s+up)?$/i,
    (m) => ({ kind: "priority", ref: ref(m[1]), priority: "high" }),
  ],
  [
    /^(?:lower|drop|reduce|decrease)\s+(?:the\s+)?(.+?)(?:'s)?\s+priority$/i,
    (m) => ({ kind: "priority", ref: ref(m[1]), priority: "low" }),
  ],
  // "set gym priority high", "gym's priority is low", "low priority for the dentist".
  [
    /^(?!what|which|how|is\b|does\b)(?:set\s+)?(.+?)(?:'s)?\s+priority\s+(?:to\s+|is\s+|=\s*|:\s*)?(high|medium|low|normal|none|urgent|top|p[1-4])$/i,
    (m) => priorityIntent(m[1], m[2]),
  ],
  [
    /^(high|medium|low|top|normal|no)[\s-]+priority\s+(?:for|on)\s+(.+)$/i,
    (m) => priorityIntent(m[2], m[1] === "no" ? "none" : m[1]),
  ],
  // "mark the dentist urgent", "flag gym important".
  [
    /^(?:mark|flag)\s+(.+?)\s+((?:not\s+)?(?:urgent|important)|(?:high|low|medium)\s+priority)$/i,
    (m) => priorityIntent(m[1], m[2]),
  ],
];
