import type { Intent } from "./intent.types.js";
import { PAST_TENSE } from "./intent.rules.js";
import { parseTaskRef } from "./intent.words.js";

/** Words that name no task: "is everything done?" is not about a task called "everything". */
const NO_TASK = "(?!(?:there|anything|everything|all|nothing|something|any|my tasks|you)\\b)";

/** "is gym done?", "has the report been finished yet?", "is it done already?" */
const IS_IT_DONE = new RegExp(
  `^(?:is|was|are|has|have)\\s+${NO_TASK}(.+?)\\s+(?:been\\s+)?(?:already\\s+)?(?:done|finished|complete|completed|checked off|ticked off|crossed off|taken care of)(?:\\s+(?:yet|already|now))?$`,
  "i",
);

/** "did I finish gym?", "have I done the laundry yet?", "did I already tick off rent?" */
const DID_I_FINISH = new RegExp(
  `^(?:did|have)\\s+(?:i|we)\\s+(?:already\\s+|actually\\s+)?(?:finish(?:ed)?|complete(?:d)?|do|done|check(?:ed)? off|tick(?:ed)? off|cross(?:ed)? off|mark(?:ed)?)\\s+${NO_TASK}(.+?)(?:\\s+(?:as\\s+)?(?:done|complete|completed|finished|off))?(?:\\s+(?:yet|already|today))?$`,
  "i",
);

/** "did I delete milk?", "have you removed the dentist task?" */
const DID_I_DELETE = new RegExp(
  `^(?:did|have|has)\\s+(?:i|we|you)\\s+(?:already\\s+|accidentally\\s+|just\\s+)?(?:delete(?:d)?|remove(?:d)?|erase(?:d)?|trash(?:ed)?|get rid of|got rid of)\\s+${NO_TASK}(.+?)(?:\\s+(?:yet|already|by mistake|too))?$`,
  "i",
);

/** Task verbs as asked about: "did I call mom?" (the verb itself), "have I paid rent?" (its past). */
const BASE_VERBS = [...new Set(Object.values(PAST_TENSE))];
const byLength = (words: string[]) => [...words].sort((a, b) => b.length - a.length).join("|");

/** "did I call mom?", "have I paid rent yet?": whether the task those words name is done. */
const DID_I_DO = new RegExp(
  `^(?:(?:did|have)\\s+(?:i|we)\\s+(?:already\\s+|actually\\s+)?(${byLength(BASE_VERBS)})|(?:have|had)\\s+(?:i|we)\\s+(?:already\\s+|actually\\s+)?(${byLength(Object.keys(PAST_TENSE))}))\\s+${NO_TASK}(.+?)(?:\\s+(?:yet|already|today))?$`,
  "i",
);

/** The task a "did I call mom?" names: "call mom", its verb put back as the title says it. */
function didIDo(text: string): string | null {
  const match = DID_I_DO.exec(text);
  if (!match?.[3]) return null;
  const verb = match[1] ?? PAST_TENSE[(match[2] ?? "").toLowerCase()] ?? "";
  return verb ? `${verb.toLowerCase()} ${match[3].trim()}` : null;
}

/** "yes", "yes please", "go ahead": agreeing to what I just asked. */
const YES =
  /^(?:(?:yes|yeah|yep|yup|y|sure)(?:[,!.]?\s*(?:please|do it|go ahead|go for it|delete it|remove it|add it|sure))*|please do|do it|go ahead|go for it)$/i;
/** "no", "no thanks", "don't": declining what I just asked. */
const NO = /^(?:no|nope|nah|n|no thanks|no thank you|don't|dont|do not|leave it|keep it)$/i;

/**
 * A question about one task that changes nothing: "is gym done?", "did I finish gym?",
 * "did I delete milk?". `text` is the message without politeness or trailing punctuation;
 * null for anything else.
 */
export function parseStatusQuery(text: string, raw: string): Intent | null {
  const deleted = DID_I_DELETE.exec(text)?.[1]?.trim();
  if (deleted) return { kind: "delete-query", ref: parseTaskRef(deleted), text: raw };
  const match = IS_IT_DONE.exec(text) ?? DID_I_FINISH.exec(text);
  const target = match?.[1]?.trim() ?? didIDo(text);
  return target ? { kind: "status-query", ref: parseTaskRef(target), text: raw } : null;
}

/** "yes" or "no" to a question of mine ("Do you want me to delete gym?"); null otherwise. */
export function parseAnswer(lower: string): Intent | null {
  if (YES.test(lower)) return { kind: "answer", yes: true };
  if (NO.test(lower)) return { kind: "answer", yes: false };
  return null;
}
