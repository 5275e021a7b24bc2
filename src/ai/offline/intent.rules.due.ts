// The due-date rules of the offline assistant's parser: "move X to friday", "X is now due
// monday", "postpone X by 2 days", "remove the due date from X". RULES (intent.rules.ts) holds
// them in place, between the priority rules and the completions.
import { NUMBER_WORDS } from "../../modules/tasks/quick-add/words.js";
import type { DueShift, Intent, TaskRef } from "./intent.types.js";
import { parseTaskRef } from "./intent.words.js";

type Rule = [RegExp, (match: RegExpExecArray) => Intent | null];

const ref = (text: string | undefined): TaskRef => parseTaskRef(text ?? "");

/** How a date can open: "tomorrow", "next week", "friday", "in 2 days", "the 20th", "5pm". */
export const DATE_START =
  /^(?:(?:today|tonight|tonite|2nite|tomorrow|tomorow|tommorow|tmrw?|2moro|next|nxt|this|in|every|each|noon|midnight|(?:mon|tues|wednes|thurs|fri|satur|sun)day|mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun|january|february|march|april|may|june|july|august|september|october|november|december|jan|feb|mar|apr|jun|jul|aug|sept?|oct|nov|dec)\b|the\s+\d|\d)/i;

/** "gym has no deadline", "gym no longer has a due date": the due date removed. */
export const HAS_NO_DEADLINE =
  /^(?!what|which|who|how|when|do\b|does\b)(.+?)\s+(?:(?:has|have|has got)\s+no|no longer\s+(?:has|have|needs?)\s+an?)\s+(?:due date|deadline|date|due)(?:\s+any\s?more)?$/i;
/** "gym doesn't need a due date". */
export const NEEDS_NO_DEADLINE =
  /^(?!what|which|who|how|when)(.+?)\s+(?:doesn't|does not|doesnt|don't|do not)\s+(?:need|have)\s+a\s+(?:due date|deadline|date)(?:\s+any\s?more)?$/i;

/** Who or what a sentence about a day is never about ("today is friday", "it's monday"). */
const NO_TASK_SUBJECT =
  "(?!(?:what|which|who|how|when|where|why|is|are|it|that|this|there|today|tomorrow|tonight|everything|nothing|something|i|we|you|he|she|they)\\b)";

/**
 * "gym is tomorrow at 8am", "the dentist is on friday": a task's new day, said as a fact (never
 * a question: the parser skips it then).
 */
export const IS_ON_DAY = new RegExp(
  `^${NO_TASK_SUBJECT}(.+?)(?:\\s+is|'s)\\s+(?:now\\s+|actually\\s+)?(?:on\\s+|at\\s+)?(?!in\\s+(?!\\d|an?\\s|the\\s+(?:morning|afternoon|evening))|\\d{3,})(${DATE_START.source.slice(1)}.{0,40})$`,
  "i",
);

/**
 * "gym to friday", "dentist -> 3pm": a move jotted down. Not after words a task or a sentence
 * opens with ("go to", "talk to", "add … to"): those are no moves.
 */
export const MOVED_TO = new RegExp(
  `^${NO_TASK_SUBJECT}(?!(?:add|create|new|put|remind|schedule|set up|jot down|write down|note down|note to self|need|have|has|got|gotta|want|go|come|get|talk|listen|move|push|please|just|welcome|back|up|down|due)\\b)(.+?)\\s+(?:to|->|=>|\u2192)\\s+(${DATE_START.source.slice(1)}.{0,30})$`,
  "i",
);

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

/** The due-date rules, in the order they are tried. */
export const DUE_RULES: Rule[] = [
  [
    /^(?:remove|clear|drop|delete|unset)\s+(?:the\s+)?(?:due date|deadline|due|date|reminder)\s+(?:from|of|on|for)\s+(.+)$/i,
    (m) => ({ kind: "reschedule", ref: ref(m[1]), when: null }),
  ],
  [HAS_NO_DEADLINE, (m) => ({ kind: "reschedule", ref: ref(m[1]), when: null })],
  [NEEDS_NO_DEADLINE, (m) => ({ kind: "reschedule", ref: ref(m[1]), when: null })],
  [/^(?:unschedule|undate)\s+(.+)$/i, (m) => ({ kind: "reschedule", ref: ref(m[1]), when: null })],
  // "change the time to 3pm": the task the conversation is about.
  [
    // Not "set the due date for gym to friday", which names its task.
    /^(?:change|set|move|update|make)\s+the\s+(?:time|date|due date|deadline|day|due time)\s+(?:to\s+(.+)|for\s+(?!.*\s(?:to|as)\s)(.+))$/i,
    (m) => ({ kind: "reschedule", ref: { kind: "pronoun" }, when: m[1] ?? m[2] ?? "" }),
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
  // "set gym for 8pm": only a date after it ("set gym as done" completes it).
  [
    new RegExp(
      `^set\\s+(?!up\\b)(.+?)\\s+(?:for|to|on|at)\\s+(${DATE_START.source.slice(1)}.*)$`,
      "i",
    ),
    (m) => ({ kind: "reschedule", ref: ref(m[1]), when: m[2] ?? "" }),
  ],
];

const WEEKDAY = "(?:mon|tue|tues|wed|wednes|thu|thur|thurs|fri|sat|satur|sun)(?:day)?";
const MONTH =
  "(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)";
const PART_OF_DAY = "(?:\\s+(?:morning|afternoon|evening|night))?";
const DAY = `(?:today|tonight|tonite|tomorrow|tmrw?|(?:this|next|coming)\\s+(?:week(?:end)?|month|${WEEKDAY})|${WEEKDAY}|${MONTH}\\.?\\s+\\d{1,2}(?:st|nd|rd|th)?|\\d{1,2}(?:st|nd|rd|th)?\\s+(?:of\\s+)?${MONTH}|the\\s+\\d{1,2}(?:st|nd|rd|th)|\\d{1,2}\\/\\d{1,2}(?:\\/\\d{2,4})?|\\d{4}-\\d{2}-\\d{2})${PART_OF_DAY}`;
const TIME =
  "(?:\\d{1,2}(?::\\d{2})?\\s*(?:am|pm|a\\.m\\.|p\\.m\\.)|\\d{1,2}:\\d{2}|noon|midday|midnight)";

/**
 * The day or time of a move said as a fact, said plainly and wholly: "friday", "tomorrow at 8am",
 * "march 3", "5:30pm", "in 2 days". What a remark says ("5 minutes away", "3 days late", "70 on
 * friday", "monday, not friday") is no move.
 */
const PLAIN_WHEN = new RegExp(
  `^(?:(?:on|at|for)\\s+)?(?:${DAY}(?:\\s+(?:at\\s+)?${TIME})?|${TIME}(?:\\s+(?:on\\s+)?${DAY})?|in\\s+(?:a|an|one|two|three|four|five|six|seven|\\d{1,2})\\s+(?:days?|weeks?|months?))$`,
  "i",
);

/** A move said as a fact, when its day or time is said plainly (see PLAIN_WHEN). */
function factMove(m: RegExpExecArray): Intent | null {
  const when = (m[2] ?? "").trim();
  if (!PLAIN_WHEN.test(when)) return null;
  return { kind: "reschedule", ref: ref(m[1]), when, fact: true };
}

/**
 * Moves said as a fact or jotted down: tried after every command verb ("rename X to …"). The
 * planner moves a task only when every word said names it ("the dentist" for "dentist
 * appointment", not "pay day" for "pay rent").
 */
export const LATE_DUE_RULES: Rule[] = [
  [IS_ON_DAY, factMove],
  [MOVED_TO, factMove],
  // "reschedule the dentist", "move gym": every move with a day was tried before; ask for it.
  [
    /^(?:move|reschedule|change the (?:date|day|time|due date) (?:of|for))\s+(?!(?:on|along|forward|ahead|in|out|over|away|house|home|back|up|down)\b)(.+)$/i,
    (m) => ({ kind: "ask-when", ref: ref(m[1]) }),
  ],
];
