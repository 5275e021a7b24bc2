import type { Intent } from "./intent.types.js";
import { parseTaskRef } from "./intent.words.js";

/** Words that name no task: "is everything done?" is not about a task called "everything". */
const NO_TASK = "(?!(?:there|anything|everything|all|nothing|something|any|my tasks)\\b)";

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

/**
 * A question about one task's state that changes nothing: "is gym done?", "did I finish gym?".
 * `text` is the message without politeness or trailing punctuation; null for anything else.
 */
export function parseStatusQuery(text: string, raw: string): Intent | null {
  const match = IS_IT_DONE.exec(text) ?? DID_I_FINISH.exec(text);
  const target = match?.[1]?.trim();
  return target ? { kind: "status-query", ref: parseTaskRef(target), text: raw } : null;
}
