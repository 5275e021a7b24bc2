// The due-date rules of the offline assistant's parser: "move X to friday", "X is now due
// monday", "postpone X by 2 days", "remove the due date from X". RULES (intent.rules.ts) holds
// them in place, between the priority rules and the completions.
import { NUMBER_WORDS } from "../../modules/tasks/quick-add/words.js";
import type { DueShift, Intent, TaskRef } from "./intent.types.js";
import { parseTaskRef } from "./intent.words.js";

type Rule = [RegExp, (match: RegExpExecArray) => Intent | null];

const ref = (text: string | undefined): TaskRef => parseTaskRef(text ?? "");

/** "gym has no deadline": the due date removed. */
export const HAS_NO_DEADLINE =
  /^(?!what|which|who|how|when|do\b|does\b)(.+?)\s+(?:has|have|has got)\s+no\s+(?:due date|deadline|date|due)(?:\s+any\s?more)?$/i;
/** "gym doesn't need a due date". */
export const NEEDS_NO_DEADLINE =
  /^(?!what|which|who|how|when)(.+?)\s+(?:doesn't|does not|doesnt|don't|do not)\s+(?:need|have)\s+a\s+(?:due date|deadline|date)(?:\s+any\s?more)?$/i;

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
];
