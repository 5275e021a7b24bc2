// The tag rules of the offline assistant's parser: "tag X with work", "remove #work from X".
// RULES (intent.rules.ts) tries them first.
import type { Intent, TaskRef } from "./intent.types.js";
import { parseTags, parseTaskRef } from "./intent.words.js";

type Rule = [RegExp, (match: RegExpExecArray) => Intent | null];

const ref = (text: string | undefined): TaskRef => parseTaskRef(text ?? "");

/**
 * "add a price tag to the gift" is a task of its own, whatever the tag rule reads: tags are
 * seldom named after these things.
 */
const TAG_NOUN =
  /^(?:the|a|an|price|name|gift|luggage|bag|dog|hang|swing|toe|ear|security|sale|id|key|hash|nametag|pricetag)$/i;

/** Words that, said bare after "tag X", mean a state, a day or a priority rather than a tag. */
const NOT_A_BARE_TAG =
  /^(?:done|complete|completed|finished|today|tonight|tomorrow|later|urgent|important|high|medium|low|(?:mon|tues|wednes|thurs|fri|satur|sun)day)$/i;

/** The tag rules, in the order they are tried. */
export const TAG_RULES: Rule[] = [
  [
    /^tag\s+(.+?)\s+(?:with|as)\s+(.+)$/i,
    (m) => ({ kind: "tag", ref: ref(m[1]), tags: parseTags(m[2] ?? ""), remove: false }),
  ],
  [
    /^tag\s+(.+?)\s+((?:#\S+[\s,]*)+)$/i,
    (m) => ({ kind: "tag", ref: ref(m[1]), tags: parseTags(m[2] ?? ""), remove: false }),
  ],
  [
    /^(?:add|put)\s+(?:the\s+)?(?:tags?\s+|labels?\s+)?((?:#\S+[\s,]*(?:and\s+)?)+)\s+(?:to|on)\s+(.+)$/i,
    (m) => ({ kind: "tag", ref: ref(m[2]), tags: parseTags(m[1] ?? ""), remove: false }),
  ],
  [
    /^(?:add|put)\s+(?:the\s+|a\s+)?(?:tag|label)\s+(\S+)\s+(?:to|on)\s+(.+)$/i,
    (m) => ({ kind: "tag", ref: ref(m[2]), tags: parseTags(m[1] ?? ""), remove: false }),
  ],
  // "remove the tags from pay bills", "remove the tag from gym": every tag, not the task.
  [
    /^(?:remove|delete|clear|drop|strip|take off|get rid of)\s+(?:all\s+(?:of\s+)?)?(?:the\s+|its\s+|any\s+)?(?:tags?|labels?)\s+(?:from|off|on|of)\s+(.+)$/i,
    (m) => ({ kind: "tag", ref: ref(m[1]), tags: [], remove: true }),
  ],
  [
    /^(?:remove|delete|drop|take off)\s+(?:the\s+)?(?:tags?\s+|labels?\s+)?((?:#\S+[\s,]*(?:and\s+)?)+)\s+(?:from|off)\s+(.+)$/i,
    (m) => ({ kind: "tag", ref: ref(m[2]), tags: parseTags(m[1] ?? ""), remove: true }),
  ],
  [
    /^(?:remove|delete|drop)\s+(?:the\s+)?(?:tag|label)\s+(\S+)\s+(?:from|off)\s+(.+)$/i,
    (m) => ({ kind: "tag", ref: ref(m[2]), tags: parseTags(m[1] ?? ""), remove: true }),
  ],
  [
    /^(?:remove|delete|drop|take off)\s+(?:the\s+)?#?([\p{L}\p{N}_-]+)\s+(?:tag|label)\s+(?:from|off)\s+(.+)$/iu,
    (m) => ({ kind: "tag", ref: ref(m[2]), tags: parseTags(m[1] ?? ""), remove: true }),
  ],
  [
    /^(?:add|put)\s+(?:the\s+|a\s+)?#?([\p{L}\p{N}_-]+)\s+(?:tag|label)\s+(?:to|on)\s+(.+)$/iu,
    (m) =>
      TAG_NOUN.test(m[1] ?? "")
        ? null
        : {
            kind: "tag",
            ref: ref(m[2]),
            tags: parseTags(m[1] ?? ""),
            remove: false,
            orAdd: m.input.replace(/^\S+\s+/, ""),
          },
  ],
  [
    /^untag\s+(.+?)\s+((?:#\S+[\s,]*)+)$/i,
    (m) => ({ kind: "tag", ref: ref(m[1]), tags: parseTags(m[2] ?? ""), remove: true }),
  ],
  // "tag gym fitness", "label it work", "untag the report work": the last word is the tag, unless
  // it says something else ("tag gym done", "label gym tomorrow"; "#done" is a tag).
  [
    /^(?:tag|label)\s+(.+?)\s+(?:as\s+|with\s+)?(#?)([\p{L}\p{N}_-]+)$/iu,
    (m) =>
      // Not understood, rather than left to a later rule ("tag gym done" would complete gym).
      !m[2] && NOT_A_BARE_TAG.test(m[3] ?? "")
        ? { kind: "unknown", text: m.input }
        : { kind: "tag", ref: ref(m[1]), tags: parseTags(m[3] ?? ""), remove: false },
  ],
  [
    /^(?:untag|unlabel)\s+(.+?)\s+(?:from\s+)?#?([\p{L}\p{N}_-]+)$/iu,
    (m) => ({ kind: "tag", ref: ref(m[1]), tags: parseTags(m[2] ?? ""), remove: true }),
  ],
];
