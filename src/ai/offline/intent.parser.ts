import { parseList } from "./intent.list.js";
import type { DueShift, Intent, TaskRef } from "./intent.types.js";
import { NUMBER_WORDS } from "../../modules/tasks/quick-add/words.js";
import { fixLeadingTypo } from "./intent.typo.js";
import { parseAnswer, parseStatusQuery } from "./intent.status.js";
import { acknowledgementOf, remarksOnDone, splitAcknowledgement } from "./intent.smalltalk.js";
import { parsePriorityWord, parseTags, parseTaskRef, tidy, unquote } from "./intent.words.js";

export { fixLeadingTypo } from "./intent.typo.js";
export { parsePriorityWord, parseTaskRef } from "./intent.words.js";

/** Leading words that only soften a command ("ok so could you please …"). */
const POLITE_PREFIX =
  /^(?:(?:ok(?:ay)?|so|and|also|now|then|oh|hey|um+|hmm+|well|alright|actually|wait|oh wait|sorry|never ?mind|nvm)[,!.]?\s+)*(?:(?:please|pls|plz|kindly)\s+)?(?:(?:can|could|would|will)\s+(?:you|u|ya)\s+(?:please\s+|pls\s+)?)?(?:(?:i(?:'d| would)? like to|i want to|i wanna|let's|lets)\s+(?=(?:add|create|make|delete|remove|complete|finish|mark|move|rename|change|see|show|list|reschedule|postpone|push|tag|set|reopen)\b))?(?:(?:go ahead and|just)\s+)?/i;

function stripPoliteness(text: string): string {
  return text
    .replace(POLITE_PREFIX, "")
    .replace(/[\s,]+(?:please|pls|plz|thanks|thank you)[.!?]*$/i, "")
    .replace(/\s*[.!?]+$/, "")
    .trim();
}

type Rule = [RegExp, (match: RegExpExecArray) => Intent | null];

const ref = (text: string | undefined): TaskRef => parseTaskRef(text ?? "");

/** Past tenses of verbs tasks start with, for "I already called mom" → complete "call mom". */
const PAST_TENSE: Record<string, string> = {
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
const PAST_TENSE_DONE = new RegExp(
  `^(?:i(?:\\s+have|'ve)?\\s+)?(?:(?:already|just|finally|now)\\s+)*(${Object.keys(PAST_TENSE)
    .sort((a, b) => b.length - a.length)
    .join("|")})\\s+(.+?)(?:\\s+(?:already|just now|today|earlier))?$`,
  "i",
);

/** "it", "that one", "the second one", "#3": references that are never a task's title. */
const PRONOUN_OR_POSITION =
  "that one|this one|it|that|this|(?:the\\s+)?(?:first|second|third|fourth|fifth|last)(?:\\s+one)?|#\\d{1,3}|(?:task|number)\\s+\\d{1,3}";

/** How a date can open: "tomorrow", "next week", "friday", "in 2 days", "the 20th", "5pm". */
const DATE_START =
  /^(?:(?:today|tonight|tonite|2nite|tomorrow|tomorow|tommorow|tmrw?|2moro|next|nxt|this|in|every|each|noon|midnight|(?:mon|tues|wednes|thurs|fri|satur|sun)day|mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun|january|february|march|april|may|june|july|august|september|october|november|december|jan|feb|mar|apr|jun|jul|aug|sept?|oct|nov|dec)\b|the\s+\d|\d)/i;

/**
 * "gym done", "buy milk - done"; never a question ("is the report done?"), a wish ("get the
 * report done", "need it done") or a part ("gym half done", "gym isnt done", "to be done").
 */
const JOTTED_DONE =
  /^(?!(?:i|i'm|im|we|we're|you|all|so|almost|nearly|not|never|well|is|are|was|were|has|have|had|did|do|does|what|which|who|how|when|why|where|should|can|could|will|would|get|got|gotta|need|needs|want|wants|let's|lets|must|to)\b)(.+?)(?<!\bnot|n't|\bisnt|\barent|\bwasnt|\bwerent|\bnever|\byet|\bstill|\bhalf|\balmost|\bnearly|\bpartly|\bpartially|\bmostly|\bbarely|\bhardly|\bkinda|\bbe|\bbeen|\bbeing|\bget|\bgets|\bgot|\bgetting|\bget it|\bget this)\s*(?:[-:\u2013\u2014]\s*|\s)(?:done|completed|finished)$/i;

/** "add …", "jot down …": an add whatever its title says ("add gym done", "add X is urgent"). */
const ADD_OPENING = /^(?:add|create|jot down|write down|note down|remind me)\b/i;

/** "buy milk isn't important": a title, then what is said about it. */
const NOT_IMPORTANT =
  /^(.+?)\s+(?:isn't|isnt|is not|aren't|are not)\s+(?:that\s+|very\s+|so\s+)?(?:urgent|important|a priority)(?:\s+any\s?more)?$/i;
const IS_PRIORITY =
  /^(.+?)\s+is\s+(?:a\s+|an\s+)?((?:high|low|medium|top|normal)\s+priority|urgent|important|not urgent|not important|p[1-4])$/i;
const HAS_NO_DEADLINE =
  /^(?!what|which|who|how|when|do\b|does\b)(.+?)\s+(?:has|have|has got)\s+no\s+(?:due date|deadline|date|due)(?:\s+any\s?more)?$/i;
const NEEDS_NO_DEADLINE =
  /^(?!what|which|who|how|when)(.+?)\s+(?:doesn't|does not|doesnt|don't|do not)\s+(?:need|have)\s+a\s+(?:due date|deadline|date)(?:\s+any\s?more)?$/i;
const IS_DONE =
  /^(.+?)\s+(?:is|are|was|has been)\s+(?:done|complete|completed|finished|taken care of|sorted)$/i;

/** Rules that read a statement about a title; after "add", those words are the new title. */
const STATEMENTS = new Set([
  NOT_IMPORTANT,
  IS_PRIORITY,
  HAS_NO_DEADLINE,
  NEEDS_NO_DEADLINE,
  IS_DONE,
  JOTTED_DONE,
]);

/**
 * "add a price tag to the gift" is a task of its own, whatever the tag rule reads: tags are
 * seldom named after these things.
 */
const TAG_NOUN =
  /^(?:the|a|an|price|name|gift|luggage|bag|dog|hang|swing|toe|ear|security|sale|id|key|hash|nametag|pricetag)$/i;

/**
 * What follows "call it" in a saying ("call it a day", "call it even") or a time ("name it
 * later"): never a new title.
 */
const SAYING =
  /^(?:a\s+(?:day|night|week|wrap|deal|draw|win|loss|success|tie)|quits|even|off|done|good|fine|square|settled|whatever|later|now|soon|today|tonight|tomorrow|next\s+\w+|(?:mon|tues|wednes|thurs|fri|satur|sun)day)[.!]*$/i;

const RULES: Rule[] = [
  // Tags.
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
  // Priority.
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
  // Due dates.
  [
    /^(?:remove|clear|drop|delete|unset)\s+(?:the\s+)?(?:due date|deadline|due|date|reminder)\s+(?:from|of|on|for)\s+(.+)$/i,
    (m) => ({ kind: "reschedule", ref: ref(m[1]), when: null }),
  ],
  [HAS_NO_DEADLINE, (m) => ({ kind: "reschedule", ref: ref(m[1]), when: null })],
  [NEEDS_NO_DEADLINE, (m) => ({ kind: "reschedule", ref: ref(m[1]), when: null })],
  [/^(?:unschedule|undate)\s+(.+)$/i, (m) => ({ kind: "reschedule", ref: ref(m[1]), when: null })],
  // "change the time to 3pm": the task the conversation is about.
  [
    /^(?:change|set|move|update|make)\s+the\s+(?:time|date|due date|deadline|day|due time)\s+(?:to|for)\s+(.+)$/i,
    (m) => ({ kind: "reschedule", ref: { kind: "pronoun" }, when: m[1] ?? "" }),
  ],
  [
    /^(?:set|change|update|move)\s+(?:the\s+)?(?:due date|deadline|due|date)\s+(?:of|for|on)\s+(.+?)\s+(?:to|for|as)\s+(.+)$/i,
    (m) => ({ kind: "reschedule", ref: ref(m[1]), when: m[2] ?? "" }),
  ],
  [
    /^(?:push|move)\s+(.+?)\s+back\s+(?:to|until|till|by)\s+(.+)$/i,
    (m) => ({ kind: "reschedule", ref: ref(m[1]), when: m[2] ?? "" }),
  ],
  [
    /^(?:push back|put off|set back|move|postpone|reschedule|push|delay|defer|shift|bump|snooze|bring)\s+(.+?)\s+(?:(back|out|off|forward|up|earlier|later)\s+)?(?:by\s+)?(a|an|one|two|three|four|five|six|seven|\d{1,3})\s+(minute|min|hour|hr|day|week|wk|month)s?(?:\s+(later|earlier|more|sooner))?$/i,
    (m) => shiftIntent(m),
  ],
  [
    /^(?:move|postpone|reschedule|push|delay|defer|shift|bump|snooze)\s+(.+?)\s+(to|until|till|til|for|by|on|into)\s+(.+)$/i,
    // "push rent by 15" may mean by 15 days: "by" stays, so it is not read as the 15th.
    (m) => ({
      kind: "reschedule",
      ref: ref(m[1]),
      when: /^by$/i.test(m[2] ?? "") && /^\d+$/.test(m[3] ?? "") ? `by ${m[3]}` : (m[3] ?? ""),
    }),
  ],
  // "postpone gym", "skip gym today": a day later, and not before tomorrow.
  [
    /^(?:postpone|delay|defer|snooze|push back)\s+(.+)$/i,
    (m) => ({ kind: "reschedule", ref: ref(m[1]), when: null, by: ONE_DAY, postpone: true }),
  ],
  [
    /^(?:skip|pass on)\s+(.+?)\s+(?:for\s+)?(?:today|tonight|this evening)$|^drop\s+(.+?)\s+for\s+(?:today|tonight|this evening)$/i,
    (m) => ({
      kind: "reschedule",
      ref: ref(m[1] ?? m[2]),
      when: null,
      by: ONE_DAY,
      postpone: true,
      today: true,
    }),
  ],
  [
    /^(?:set|make)\s+(.+?)\s+due\s+(?:on\s+|by\s+|at\s+|for\s+)?(.+)$/i,
    (m) => ({ kind: "reschedule", ref: ref(m[1]), when: m[2] ?? "" }),
  ],
  [
    /^(?!what|which|who|how|when|is\b|are\b|anything)(.+?)\s+(?:is|are)\s+(?:now\s+)?due\s+(?:on\s+|by\s+|at\s+)?(.+)$/i,
    (m) => ({ kind: "reschedule", ref: ref(m[1]), when: m[2] ?? "" }),
  ],
  [
    /^(?!what|which|who|how|when)(.+?)\s+(?:should be|needs to be|has to be|must be)\s+(?:done|finished)\s+(?:by\s+|on\s+)?(.+)$/i,
    (m) => ({ kind: "reschedule", ref: ref(m[1]), when: m[2] ?? "" }),
  ],
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
    /^(?:i\s+)?(?:didn't|didnt|did not|haven't|havent|have not)\s+(?:finish(?:ed)?|do(?:ne)?|complete(?:d)?)\s+(.+?)(?:\s+yet)?$/i,
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
    /^(?:change|edit|update|correct|fix)\s+(.+?)\s+(?:to|into)\s+(.+)$/i,
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
    // "schedule that meeting for friday": this "that" opens a new thing, not a task.
    (m) =>
      /^(?:this|that)$/i.test(m[1] ?? "") && !m[2] && !DATE_START.test(m[3] ?? "")
        ? null
        : { kind: "reschedule", ref: ref(m[1]), when: m[3] ?? "" },
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
  // Delete.
  [
    // "drop off the package today" and "drop by the bank" are errands, not deletions.
    /^(?:delete|remove|erase|trash|drop(?!\s+(?:off|by)\b)(?!.*\b(?:today|tonight|tomorrow)$)|get rid of|cancel|scrap|discard|forget about|forget|nuke|bin)\s+(.+)$/i,
    (m) => ({ kind: "delete", ref: ref(m[1]) }),
  ],
];

/** "a day", "two weeks": the counts a relative move is said in. */
const ONE_DAY: DueShift = { amount: 1, unit: "day" };
const COUNT_WORDS: Readonly<Record<string, number>> = { ...NUMBER_WORDS, a: 1, an: 1 };

const SHIFT_UNITS: Record<string, DueShift["unit"]> = {
  minute: "minute",
  min: "minute",
  hour: "hour",
  hr: "hour",
  day: "day",
  week: "week",
  wk: "week",
  month: "month",
};

/** "postpone X by 2 days", "push X back a week", "move X up an hour": a relative move. */
function shiftIntent(m: RegExpExecArray): Intent | null {
  const [, target, direction, count, unitWord, after] = m;
  const amount = COUNT_WORDS[(count ?? "").toLowerCase()] ?? Number(count);
  const unit = SHIFT_UNITS[(unitWord ?? "").toLowerCase()];
  if (!amount || !unit) return null;
  const earlier = /^(?:forward|up|earlier|sooner)$/i;
  const sign = earlier.test(direction ?? "") || earlier.test(after ?? "") ? -1 : 1;
  return { kind: "reschedule", ref: ref(target), when: null, by: { amount: sign * amount, unit } };
}

function priorityIntent(target: string | undefined, word: string | undefined): Intent | null {
  const priority = parsePriorityWord(word ?? "");
  return priority ? { kind: "priority", ref: ref(target), priority } : null;
}

function renameIntent(
  target: string | undefined,
  title: string | undefined,
  loose: boolean,
): Intent | null {
  const cleanTitle = unquote(title ?? "");
  if (!cleanTitle) return null;
  return { kind: "rename", ref: ref(target), title: cleanTitle, loose };
}

const ADD_RULES: RegExp[] = [
  /^(?:add|create|make|new|put|set up|schedule)\s+(?:a\s+|an\s+|one\s+)?(?:new\s+)?(?:task|todo|to-do|to do|reminder|item)s?\s*(?::\s*|-\s+|to\s+|for\s+|called\s+|named\s+|titled\s+|about\s+|that says\s+)?(.+)$/i,
  /^(?:add|put|write down|jot down|note down|note)\s+(.+?)\s+(?:to|on|in|onto)\s+(?:my|the)\s+(?:list|tasks|task list|todo list|to-do list|todos|to-dos|inbox)$/i,
  // "add to my list: paint fence", "note to self: renew license".
  /^(?:add|put|write down|jot down|note down)\s+(?:to|on|onto|in)\s+(?:my|the)\s+(?:list|tasks|task list|todo list|to-do list|todos|to-dos|inbox)\s*[:,-]?\s+(.+)$/i,
  /^note to self\s*[:,-]?\s*(.+)$/i,
  /^(?:add|put|jot down|write down|note down|schedule)\s*:?\s+(.+)$/i,
  /^remind me\s+(?:to|about|that i (?:need|have) to|that i should)\s+(.+)$/i,
  /^(?:don't|dont|do not|never) (?:let me )?forget\s+(?:(?:to|about)\s+)?(?:the\s+)?(?!(?:it|that|this|them|that one|this one)$)(.+)$/i,
  /^(?:remember|note)\s+(?:to|that i need to|that i have to)\s+(.+)$/i,
  /^(?:i|we)\s+(?:need to|have to|got to|gotta|must|should|ought to|'ve got to|'ve gotta)\s+(.+)$/i,
  /^(?:i've got to|i've got|i gotta|need to|have to|gotta|must)\s+(.+)$/i,
  /^(?:todo|to-do|to do|task|new task|new todo|reminder)\s*:\s*(.+)$/i,
];

const REMIND_WHEN_FIRST =
  /^remind me\s+((?:on|at|by|in|this|next|nxt|tomorrow|today|tonight|tonite|2nite|every|each|later|in the)\b.*?|(?:mon|tues?|wed(?:nes)?|thu(?:rs?)?|fri|sat(?:ur)?|sun)(?:day)?\b.*?)\s+to\s+(.+)$/i;

/** "… on my list" at the end of an add command, or before its date ("put X on my list for friday"). */
const LIST_PHRASE =
  /\s+(?:to|on|in|onto)\s+(?:my\s+(?:list|tasks|task list|todo list|to-do list|todos|to-dos|inbox)|the\s+list)(?=\s*$|\s+(?:for|by|on|due|at|in|every|each|next|this|tomorrow|today|tonight)\b)(?=(?:[^"\u201c\u201d]*["\u201c\u201d][^"\u201c\u201d]*["\u201c\u201d])*[^"\u201c\u201d]*$)/i;

/** "can you …", "please …": a request, even when it ends in a question mark. */
const POLITE_REQUEST = /\b(?:can|could|would|will)\s+(?:you|u|ya)\b|\b(?:please|pls|plz)\b/i;

const QUESTION =
  /\?$|^(?:what|who|whom|whose|where|when|why|how|which|does|do|did|is|are|was|were|can|could|should|would|will|tell me|explain|summari[sz]e|describe|find|search|look up)\b/i;

/** `text` with its first "it" / "that" / "this" / "them" standing for `named` (a task's title). */
function insteadOfPronoun(text: string, named: string): string {
  if (/^(?:it|that|this|them|that one|this one)$/i.test(named)) return text;
  let replaced = false;
  return text.replace(/\b(?:(?:it|that|this)(?:'s|\s+is)|it|that|this|them)\b/gi, (word) => {
    if (replaced) return word;
    replaced = true;
    return /(?:'s|\s+is)$/i.test(word) ? `${named} is` : named;
  });
}

/** Classifies one user message. Pure: no clock, no tools, no conversation. */
export function parseIntent(message: string): Intent {
  const whole = parseMessage(message);
  const opened = splitAcknowledgement(tidy(message));
  if (!opened) return whole;
  // "great, that's done" answers what I just did: it completes nothing.
  if (remarksOnDone(opened.rest)) return { kind: "acknowledge" };
  // The whole message first ("nice dinner done" is about "nice dinner"); only when it means
  // nothing does the acknowledgement open a command ("great, now show my tasks", "ok undo").
  const meaningless = whole.kind === "unknown" || whole.kind === "question";
  const swallowed = swallowsAcknowledgement(whole, opened.acknowledgement);
  if (!meaningless && !swallowed) return whole;
  const rest = parseMessage(opened.rest);
  if (rest.kind !== "unknown" && (rest.kind !== "question" || swallowed)) return rest;
  // "perfect, done": no task is called "perfect,", and the rest says nothing more.
  return swallowed ? { kind: "acknowledge" } : whole;
}

/** Whether `intent` took the acknowledgement into a task's title ("great, milk is done"). */
function swallowsAcknowledgement(intent: Intent, acknowledgement: string): boolean {
  if (!("ref" in intent) || intent.ref.kind !== "title") return false;
  const title = intent.ref.text.toLowerCase();
  return (
    title.startsWith(acknowledgement.toLowerCase()) &&
    /^[,!.]/.test(title.slice(acknowledgement.length))
  );
}

function parseMessage(message: string): Intent {
  const raw = tidy(message);
  const lower = raw.toLowerCase().replace(/[.!?,\s]+$/, "");
  if (!lower) return { kind: "unknown", text: raw };
  if (
    /^(?:hi|hello|hey|hiya|howdy|yo|heya|hi there|hello there|hey there|good (?:morning|afternoon|evening|day)|greetings|sup|what's up|whats up|how are you|how's it going|hows it going)(?:[\s,]+(?:docket|there|friend|buddy))?(?:[\s,!]+how are you(?: doing)?)?$/.test(
      lower,
    )
  ) {
    return { kind: "greeting" };
  }
  if (
    /^(?:(?:ok(?:ay)?|great|awesome|perfect|nice|cool|wonderful|brilliant|sweet)[\s,!]*)?(?:thanks|thank you|thank u|thx|ty|tysm|cheers|much appreciated|appreciate it)(?: (?:so much|a lot|very much|again|a bunch))?(?:[\s,!]+(?:docket|mate|buddy))?$/.test(
      lower,
    )
  ) {
    return { kind: "thanks" };
  }
  const acknowledged = acknowledgementOf(lower);
  if (acknowledged) return { kind: acknowledged };
  // "don't delete gym": a change called off before it was made; nothing to do. What follows a
  // comma is read on its own, its "it" being the task named first ("don't remove gym, just move
  // it to friday" moves gym).
  const calledOff =
    /^(?:no[,!]?\s+)?(?:don't|dont|do not)\s+(?:delete|remove|complete|finish|cancel|drop|erase|mark|change|move|rename|touch|reschedule|postpone)\s+([^,;]*?)(?:\s+(?:as\s+\w+|to\s+[^,;]+|for\s+[^,;]+|yet))?(?:[,;]\s*(?:(?:but|just|instead|and|rather)\s+)*(\S.*))?$/.exec(
      lower,
    );
  if (calledOff?.[2]) {
    const named = calledOff[1]?.trim();
    const rest = raw.slice(lower.length - calledOff[2].length, lower.length);
    return parseIntent(named ? insteadOfPronoun(rest, named) : rest);
  }
  if (calledOff) return { kind: "acknowledge" };
  if (
    /^(?:bye|goodbye|good bye|see you|see ya|cya|good night|goodnight|later|that's all|thats all|that's it|that is all|(?:i'm |im |i am |let's |lets )?(?:call(?:ing)? it a (?:day|night)|done for (?:the day|today|tonight)))(?: for now| for today| then)?$/.test(
      lower,
    )
  ) {
    return { kind: "farewell" };
  }
  if (
    /^(?:help|\?|commands|menu|what can you do|what can i (?:do|say|ask)|what do you do|how do i use (?:this|you|docket)|how does this work|how do you work|what are (?:the|your) commands|help me|show help|usage|what are you|who are you|what is this|what's this)$/.test(
      lower.replace(/\?$/, ""),
    )
  ) {
    return { kind: "help" };
  }
  // "what time is it?", "what's the date today?": the user's local clock.
  if (
    /^(?:what(?:'s| is|s) the (?:time|date|day)(?: (?:now|today|right now))?|what time is it(?: now| right now)?|what (?:day|date) is (?:it|today)(?: today)?|what(?:'s| is|s) today(?:'s date)?|what(?:'s| is) today's date)$/.test(
      lower,
    )
  ) {
    return { kind: "clock" };
  }
  if (
    /^(?:(?:oops|whoops|no|wait|never ?mind)[\s,!]+)?(?:undo|revert|reverse|take back|roll back|cancel)(?: (?:that|it|this|the last (?:change|action|one|thing)|what you (?:just )?did|my last (?:change|action)))?(?: please)?$|^(?:oops|whoops),?\s+undo.*$|^take (?:that|it) back$|^(?:scratch|strike|scrap) that$/.test(
      lower,
    )
  ) {
    return { kind: "undo" };
  }
  const answer = parseAnswer(lower);
  if (answer) return answer;
  const text = fixLeadingTypo(stripPoliteness(raw));
  const command = text.toLowerCase();
  // "what time is the dentist (due)?", before the list phrases that would read "what's … due".
  const timeQuery = /^what time(?:'s|\s+is)\s+(.+?)(?:\s+due)?$/i.exec(text);
  if (timeQuery?.[1]) return { kind: "due-query", ref: ref(timeQuery[1]), text: raw };
  const status = parseStatusQuery(text, raw);
  if (status) return status;
  const list = parseList(command);
  if (list) return list;
  // "when is the dentist due?", "when do I need to call mom by?": a task's due date.
  const dueQuery =
    /^(?:when(?:'s|\s+is|\s+was|\s+are)|what (?:day|date) is)\s+(.+?)(?:\s+due)?$/i.exec(text) ??
    /^when\s+(?:do|should|must)\s+i\s+(?:need to\s+|have to\s+)?(.+?)(?:\s+by)?$/i.exec(text);
  if (dueQuery?.[1]) return { kind: "due-query", ref: ref(dueQuery[1]), text: raw };
  // "I updated the budget doc, what's the total?" asks something: not a completion.
  const asks = raw.includes("?");
  for (const [pattern, build] of RULES) {
    if (asks && (pattern === PAST_TENSE_DONE || pattern === JOTTED_DONE)) continue;
    if (STATEMENTS.has(pattern) && ADD_OPENING.test(text)) continue;
    const match = pattern.exec(text);
    if (!match) continue;
    const intent = build(match);
    if (intent && !("ref" in intent && intent.ref.kind === "title" && !intent.ref.text)) {
      // "remove gym?" asks rather than tells (unlike "can you remove gym?"): confirm first.
      if (intent.kind === "delete" && /\?\s*$/.test(raw) && !POLITE_REQUEST.test(raw)) {
        return { kind: "delete-confirm", ref: intent.ref };
      }
      return intent;
    }
  }
  // "remind me tomorrow at 9 to call the plumber": the when before the what.
  const remindWhen = REMIND_WHEN_FIRST.exec(text);
  if (remindWhen?.[1] && remindWhen[2]) {
    return { kind: "add", text: `${remindWhen[2].trim()} ${remindWhen[1].trim()}` };
  }
  for (const pattern of ADD_RULES) {
    const match = pattern.exec(text);
    const added = match?.[1]?.replace(LIST_PHRASE, "").trim();
    if (added) return { kind: "add", text: added };
  }
  if (QUESTION.test(raw)) return { kind: "question", text: raw };
  return { kind: "unknown", text: raw };
}
