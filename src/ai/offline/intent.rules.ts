// The pattern tables of the offline assistant's parser: which wording means which intent.
// `parseIntent` (intent.parser.ts) tries them in order.
import type { Intent, TaskRef } from "./intent.types.js";
import { PRIORITY_RULES, IS_PRIORITY, NOT_IMPORTANT } from "./intent.rules.priority.js";
import { TAG_RULES } from "./intent.rules.tags.js";
import {
  DATE_START,
  DUE_RULES,
  HAS_NO_DEADLINE,
  IS_ON_DAY,
  LATE_DUE_RULES,
  MOVED_TO,
  NEEDS_NO_DEADLINE,
} from "./intent.rules.due.js";
import { parsePriorityWord, parseTaskRef, unquote } from "./intent.words.js";

type Rule = [RegExp, (match: RegExpExecArray) => Intent | null];

/** The task a captured phrase names. */
export const ref = (text: string | undefined): TaskRef => parseTaskRef(text ?? "");

/** Past tenses of verbs tasks start with, for "I already called mom" → complete "call mom". */
export const PAST_TENSE: Record<string, string> = {
  called: "call",
  phoned: "phone",
  rang: "ring",
  emailed: "email",
  texted: "text",
  messaged: "message",
  paid: "pay",
  bought: "buy",
  booked: "book",
  sent: "send",
  wrote: "write",
  fixed: "fix",
  cleaned: "clean",
  washed: "wash",
  watered: "water",
  walked: "walk",
  fed: "feed",
  mowed: "mow",
  "picked up": "pick up",
  "dropped off": "drop off",
  returned: "return",
  renewed: "renew",
  submitted: "submit",
  filed: "file",
  scheduled: "schedule",
  ordered: "order",
  cancelled: "cancel",
  canceled: "cancel",
  "replied to": "reply to",
  answered: "answer",
  visited: "visit",
  signed: "sign",
  printed: "print",
  posted: "post",
  mailed: "mail",
  packed: "pack",
  "took out": "take out",
  vacuumed: "vacuum",
  cooked: "cook",
  baked: "bake",
  updated: "update",
  reviewed: "review",
  prepared: "prepare",
  studied: "study",
  confirmed: "confirm",
  contacted: "contact",
  "met with": "meet with",
  met: "meet",
  collected: "collect",
};
export const PAST_TENSE_DONE = new RegExp(
  `^(?:i(?:\\s+have|'ve)?\\s+)?(?:(?:already|just|finally|now)\\s+)*(${Object.keys(PAST_TENSE)
    .sort((a, b) => b.length - a.length)
    .join("|")})\\s+(.+?)(?:\\s+(?:already|just now|today|earlier))?$`,
  "i",
);

/** "it", "that one", "the second one", "#3": references that are never a task's title. */
const PRONOUN_OR_POSITION =
  "that one|this one|it|that|this|(?:the\\s+)?(?:first|second|third|fourth|fifth|last)(?:\\s+one)?|#\\d{1,3}|(?:task|number)\\s+\\d{1,3}";

/**
 * "gym done", "buy milk - done"; never a question ("is the report done?"), a wish ("get the
 * report done", "need it done") or a part ("gym half done", "gym isnt done", "to be done").
 */
export const JOTTED_DONE =
  /^(?!(?:i|i'm|im|we|we're|you|all|so|almost|nearly|not|never|well|is|are|was|were|has|have|had|did|do|does|what|which|who|how|when|why|where|should|can|could|will|would|get|got|gotta|need|needs|want|wants|let's|lets|must|to)\b)(.+?)(?<!\bnot|n't|\bisnt|\barent|\bwasnt|\bwerent|\bnever|\byet|\bstill|\bhalf|\balmost|\bnearly|\bpartly|\bpartially|\bmostly|\bbarely|\bhardly|\bkinda|\bbe|\bbeen|\bbeing|\bget|\bgets|\bgot|\bgetting|\bget it|\bget this)\s*(?:[-:\u2013\u2014]\s*|\s)(?:done|completed|finished)$/i;

/** "add …", "jot down …": an add whatever its title says ("add gym done", "add X is urgent"). */
export const ADD_OPENING = /^(?:add|create|jot down|write down|note down|remind me)\b/i;

/** "gym is done", "the report has been finished". */
const IS_DONE =
  /^(.+?)\s+(?:is|are|was|has been)\s+(?:done|complete|completed|finished|taken care of|sorted)$/i;

/** Rules that read a statement about a title; after "add", those words are the new title. */
export const STATEMENTS = new Set([
  NOT_IMPORTANT,
  IS_PRIORITY,
  HAS_NO_DEADLINE,
  NEEDS_NO_DEADLINE,
  IS_ON_DAY,
  MOVED_TO,
  IS_DONE,
  JOTTED_DONE,
]);

/**
 * What follows "call it" in a saying ("call it a day", "call it even") or a time ("name it
 * later"): never a new title.
 */
const SAYING =
  /^(?:a\s+(?:day|night|week|wrap|deal|draw|win|loss|success|tie)|quits|even|off|done|good|fine|square|settled|whatever|later|now|soon|today|tonight|tomorrow|next\s+\w+|(?:mon|tues|wednes|thurs|fri|satur|sun)day)[.!]*$/i;

export const RULES: Rule[] = [
  ...TAG_RULES,
  ...PRIORITY_RULES,
  ...DUE_RULES,
  // Reopen before complete: "mark X as not done" ends in "done".
  [
    /^(?:reopen|re-open|uncomplete|un-complete|uncheck|untick|unmark|restore|undo)\s+(.+)$/i,
    (m) => ({ kind: "reopen", ref: ref(m[1]) }),
  ],
  [
    /^mark\s+(.+?)\s+(?:as\s+)?(?:not done|undone|not finished|incomplete|not complete|not completed|pending|open|to ?do|unfinished|uncompleted)$/i,
    (m) => ({ kind: "reopen", ref: ref(m[1]) }),
  ],
  [
    /^(.+?)\s+(?:is not|isn't|wasn't|is n't)\s+(?:done|finished|complete|completed)(?:\s+yet)?$/i,
    (m) => ({ kind: "reopen", ref: ref(m[1]) }),
  ],
  // "I didn't finish gym", "I'm not done with the report yet".
  [
    /^(?:i\s+)?(?:didn't|didnt|did not|haven't|havent|have not)\s+(?:actually\s+|really\s+)?(?:finish(?:ed)?|do(?:ne)?|complete(?:d)?)\s+(.+?)(?:\s+yet)?$/i,
    (m) => ({ kind: "reopen", ref: ref(m[1]) }),
  ],
  [
    /^(?:i'm\s+|im\s+|i am\s+)?not\s+(?:done|finished)\s+with\s+(.+?)(?:\s+yet)?$/i,
    (m) => ({ kind: "reopen", ref: ref(m[1]) }),
  ],
  // Complete.
  [
    /^(?:mark|set)\s+(.+?)\s+(?:as\s+)?(?:done|complete|completed|finished|checked|ticked|resolved)$/i,
    (m) => ({ kind: "complete", ref: ref(m[1]) }),
  ],
  [
    /^mark\s+(?:as\s+)?(?:done|complete|completed|finished)\s*:?\s+(.+)$/i,
    (m) => ({ kind: "complete", ref: ref(m[1]) }),
  ],
  [
    /^(?:check|tick|cross|strike)\s+(.+?)\s+off(?:\s+(?:my|the)\s+list)?$/i,
    (m) => ({ kind: "complete", ref: ref(m[1]) }),
  ],
  [
    /^(?:done with|finished with|complete|finish|finished|completed|check off|tick off|cross off|strike off|close|resolve|done)\s*:?\s+(.+)$/i,
    (m) => ({ kind: "complete", ref: ref(m[1]) }),
  ],
  [
    /^i(?:'ve|\s+have|\s+just|'ve just|\s+have just)?\s+(?:finished|completed|did|done|wrapped up|took care of|handled|sorted)\s+(?:with\s+)?(.+)$/i,
    (m) => ({ kind: "complete", ref: ref(m[1]) }),
  ],
  [
    PAST_TENSE_DONE,
    (m) => ({
      kind: "complete",
      ref: ref(`${PAST_TENSE[(m[1] ?? "").toLowerCase()] ?? ""} ${m[2] ?? ""}`),
    }),
  ],
  [
    /^(?:i'm|im|i am)\s+(?:all\s+)?(?:done|finished|through)\s+with\s+(.+)$/i,
    (m) => ({ kind: "complete", ref: ref(m[1]) }),
  ],
  [IS_DONE, (m) => ({ kind: "complete", ref: ref(m[1]) })],
  [
    /^(it|that|this|that one|this one)'s\s+(?:all\s+)?(?:done|complete|completed|finished|taken care of|sorted)$/i,
    (m) => ({ kind: "complete", ref: ref(m[1]) }),
  ],
  // "gym done", "buy milk - done": the title, then the word, as people jot it.
  [JOTTED_DONE, (m) => ({ kind: "complete", ref: ref(m[1]) })],
  // Rename.
  [
    /^(?:rename|retitle|re-title)\s+(.+?)\s+(?:to|as|into)\s+(.+)$/i,
    (m) => renameIntent(m[1], m[2], false),
  ],
  [
    /^(?:change|update|set|edit)\s+(?:the\s+)?(?:title|name|wording|text)\s+(?:of|for|on)\s+(.+?)\s+to\s+(.+)$/i,
    (m) => renameIntent(m[1], m[2], false),
  ],
  [
    /^(?:change|edit|update|correct|fix)\s+(.+?)\s+(?:to|into)\s+(?:say\s+|read\s+)?(.+)$/i,
    (m) => renameIntent(m[1], m[2], true),
  ],
  // "make buy milk repeat every week": a repeat is read like a date.
  [
    /^(?:make|set)\s+(.+?)\s+(?:to\s+)?(?:recurring|repeating|repeat|recur)\s+((?:every|each)\s+.+|daily|weekly|monthly|yearly|annually)$/i,
    (m) => ({ kind: "reschedule", ref: ref(m[1]), when: m[2] ?? "" }),
  ],
  // "make that tomorrow", "set it for friday at 10am": only "it" or a position, since
  // "schedule team sync for friday" adds a task.
  [
    new RegExp(
      `^(?:make|set|schedule|have)\\s+(${PRONOUN_OR_POSITION})\\s+(?:(for|to|on|at|by|due|due on|due at|due by)\\s+)?(.+)$`,
      "i",
    ),
    // "schedule that meeting for friday": this "that" opens a new thing, not a task. "make it
    // low" is a priority, not a date.
    (m) => {
      const priority = /^(?:make|set)$/i.test(m[0].split(/\s/)[0] ?? "")
        ? parsePriorityWord(m[3] ?? "")
        : null;
      // "make it none" says too little; "make it no priority" says enough.
      if (priority && !m[2] && (priority !== "none" || /priority/i.test(m[3] ?? "")))
        return { kind: "priority", ref: ref(m[1]), priority };
      return /^(?:this|that)$/i.test(m[1] ?? "") && !m[2] && !DATE_START.test(m[3] ?? "")
        ? null
        : { kind: "reschedule", ref: ref(m[1]), when: m[3] ?? "" };
    },
  ],
  [
    new RegExp(`^(?:call|name|title)\\s+(${PRONOUN_OR_POSITION})\\s+(.+?)(?:\\s+instead)?$`, "i"),
    (m) => (SAYING.test(m[2] ?? "") ? null : renameIntent(m[1], m[2], false)),
  ],
  // "remove the note from pay bills": a part of the task this assistant can't change. Read as a
  // deletion it would delete the task.
  [
    /^(?:remove|delete|clear|erase|drop|strip|take off|get rid of|cancel)\s+(?:(?:all\s+(?:of\s+)?)?(?:the|its|any|a)\s+(notes?|description|details|comments?|recurrences?|repeats?|repetitions?|repeating|schedule|title|name|time|subtasks?|attachments?|link|url)|(everything))\s+(?:from|off|on|of|in)\s+(.+)$/i,
    (m) => ({ kind: "unsupported", part: (m[1] ?? m[2] ?? "").toLowerCase() }),
  ],
  // "add a note to gym: bring towel" was added as a task called "a note to gym: bring towel".
  [
    /^(?:add|put|write|attach)\s+(?:a\s+|the\s+)?(note|comment)\s+(?:to|on)\s+(?!self\b)(.+?)\s*(?::|\bsaying\b|\bthat says\b)\s*\S/i,
    (m) => ({ kind: "unsupported", part: (m[1] ?? "").toLowerCase(), adding: true }),
  ],
  // Delete.
  [
    /^(?:take|cross|strike)\s+(.+?)\s+off\s+(?:my|the)\s+(?:list|to-?do list|tasks)$|^take\s+off\s+(.+?)\s+from\s+(?:my|the)\s+list$/i,
    (m) => ({ kind: "delete", ref: ref(m[1] ?? m[2]) }),
  ],
  [
    // "drop off the package today" and "drop by the bank" are errands, not deletions.
    /^(?:delete|remove|erase|trash|drop(?!\s+(?:off|by)\b)(?!.*\b(?:today|tonight|tomorrow)$)|get rid of|cancel|scrap|scratch|discard|forget about|forget|nuke|bin)\s+(.+)$/i,
    (m) => ({ kind: "delete", ref: ref(m[1]) }),
  ],
  ...LATE_DUE_RULES,
];

function renameIntent(
  target: string | undefined,
  title: string | undefined,
  loose: boolean,
): Intent | null {
  const cleanTitle = unquote(title ?? "");
  if (!cleanTitle) return null;
  return { kind: "rename", ref: ref(target), title: cleanTitle, loose };
}

export const ADD_RULES: RegExp[] = [
  /^(?:add|create|make|new|put|set up|schedule)\s+(?:a\s+|an\s+|one\s+)?(?:new\s+)?(?:task|todo|to-do|to do|reminder|item)s?\s*(?::\s*|-\s+|to\s+|for\s+|called\s+|named\s+|titled\s+|about\s+|that says\s+)?(.+)$/i,
  /^(?:add|put|write down|jot down|note down|note)\s+(.+?)\s+(?:to|on|in|onto)\s+(?:my|the)\s+(?:list|tasks|task list|todo list|to-do list|todos|to-dos|inbox)$/i,
  // "add to my list: paint fence", "note to self: renew license".
  /^(?:add|put|write down|jot down|note down)\s+(?:to|on|onto|in)\s+(?:my|the)\s+(?:list|tasks|task list|todo list|to-do list|todos|to-dos|inbox)\s*[:,-]?\s+(.+)$/i,
  /^note to self\s*[:,-]?\s*(.+)$/i,
  /^(?:add|put|jot down|write down|note down|schedule)\s*:?\s+(.+)$/i,
  /^remind me\s+(?:to|about|that i (?:need|have) to|that i should)\s+(.+)$/i,
  /^(?:don't|dont|do not|never) (?:let me )?forget\s+(?!(?:(?:to|about)\s+)?(?:it|that|this|them|that one|this one)$)(?:(?:to|about)\s+)?(?:the\s+)?(.+)$/i,
  /^(?:remember|note)\s+(?:to|that i need to|that i have to)\s+(.+)$/i,
  /^(?:i|we)\s+(?:need to|have to|got to|gotta|must|should|ought to|'ve got to|'ve gotta)\s+(.+)$/i,
  /^(?:i've got to|i've got|i gotta|need to|have to|gotta|must)\s+(.+)$/i,
  /^(?:todo|to-do|to do|task|new task|new todo|reminder)\s*:\s*(.+)$/i,
];

export const REMIND_WHEN_FIRST =
  /^remind me\s+((?:on|at|by|in|this|next|nxt|tomorrow|today|tonight|tonite|2nite|every|each|later|in the)\b.*?|(?:mon|tues?|wed(?:nes)?|thu(?:rs?)?|fri|sat(?:ur)?|sun)(?:day)?\b.*?)\s+to\s+(.+)$/i;

/** "… on my list" at the end of an add command, or before its date ("put X on my list for friday"). */
export const LIST_PHRASE =
  /\s+(?:to|on|in|onto)\s+(?:my\s+(?:list|tasks|task list|todo list|to-do list|todos|to-dos|inbox)|the\s+list)(?=\s*$|\s+(?:for|by|on|due|at|in|every|each|next|this|tomorrow|today|tonight)\b)(?=(?:[^"\u201c\u201d]*["\u201c\u201d][^"\u201c\u201d]*["\u201c\u201d])*[^"\u201c\u201d]*$)/i;
