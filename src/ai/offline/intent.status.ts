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
  `^(?:did|have)\\s+(?:i|we)\\s+(?:already\\s+|actually\\s+|ever\\s+|finally\\s+)?(?:finish(?:ed)?|complete(?:d)?|do|done|check(?:ed)? off|tick(?:ed)? off|cross(?:ed)? off|mark(?:ed)?)\\s+${NO_TASK}(.+?)(?:\\s+(?:as\\s+)?(?:done|complete|completed|finished|off))?(?:\\s+(?:yet|already|today))?$`,
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
  `^(?:(?:did|have)\\s+(?:i|we)\\s+(?:already\\s+|actually\\s+|ever\\s+|finally\\s+)?(${byLength(BASE_VERBS)})|(?:have|had)\\s+(?:i|we)\\s+(?:already\\s+|actually\\s+|ever\\s+|finally\\s+)?(${byLength(Object.keys(PAST_TENSE))}))\\s+${NO_TASK}(.+?)(?:\\s+(?:yet|already|today))?$`,
  "i",
);

/** The task a "did I call mom?" names: "call mom", its verb put back as the title says it. */
function didIDo(text: string): string | null {
  const match = DID_I_DO.exec(text);
  if (!match?.[3]) return null;
  const verb = match[1] ?? PAST_TENSE[(match[2] ?? "").toLowerCase()] ?? "";
  return verb ? `${verb.toLowerCase()} ${match[3].trim()}` : null;
}

/** Past participles "have I …" asks with, as the verb a task's title starts with. */
const PARTICIPLES: Record<string, string> = {
  read: "read",
  gone: "go",
  been: "go",
  taken: "take",
  given: "give",
  seen: "see",
  eaten: "eat",
  spoken: "speak",
  driven: "drive",
  ridden: "ride",
  made: "make",
  begun: "begin",
  learnt: "learn",
  tried: "try",
  run: "run",
  swum: "swim",
  won: "win",
  sold: "sell",
  found: "find",
  brought: "bring",
  thrown: "throw",
};

/**
 * "did I learn piano?", "have I read dune yet?": any verb, the words after it naming a task.
 * Verbs about saying and keeping things ("did I write anything about Rust?", "did I mention
 * the lease?") are about documents, as are words like "notes" or "anything".
 */
const DID_I_ANYTHING = new RegExp(
  `^(?:did|have|had)\\s+(?:i|we)\\s+(?:already\\s+|actually\\s+|ever\\s+|finally\\s+|remember(?:ed)?\\s+to\\s+)?(?!(?:say|said|tell|told|ask|asked|mention|mentioned|write|wrote|written|note|noted|save|saved|add|added|put|create|created|upload|uploaded|share|shared|forget|forgot|forgotten|miss|missed|leave|left|lose|lost|have|had|got|gotten|need|needed|want|wanted|use|used|like|liked|think|thought|know|knew|known|mean|meant)\\b)([a-z][a-z'-]*)\\s+${NO_TASK}(.+?)(?:\\s+(?:yet|already|today|yesterday|this week|this morning|last night|or not))?$`,
  "i",
);
const ABOUT_DOCUMENTS =
  /\b(?:notes?|documents?|docs?|files?|journal|diary|anything|something|anywhere|everything|nothing|(?:read|learn|learned|learnt|hear|heard)\s+about)\b/i;

/** "did I learn piano?": a status question about the task those words name, or null. */
export function parseLooseStatusQuery(text: string, raw: string): Intent | null {
  if (ABOUT_DOCUMENTS.test(text)) return null;
  const match = DID_I_ANYTHING.exec(text);
  const said = match?.[1]?.toLowerCase();
  const rest = match?.[2]?.trim();
  if (!said || !rest) return null;
  const verb = PARTICIPLES[said] ?? PAST_TENSE[said] ?? said;
  const orTitle = rest.replace(/^(?:(?:to|at|with|on|for|the|a|an|my|our|some)\s+)+/i, "");
  return {
    kind: "status-query",
    ref: parseTaskRef(`${verb} ${rest}`),
    text: raw,
    loose: true,
    ...(orTitle && orTitle !== `${verb} ${rest}` ? { orTitle } : {}),
  };
}

/** "yes", "yes please", "go ahead": agreeing to what I just asked. */
const YES =
  /^(?:(?:yes|yeah|yep|yup|y|sure)(?:[,!.]?\s*(?:please|do it|go ahead|go for it|delete it|remove it|add it|sure))*|please do|do it|go ahead|go for it)$/i;
/** "no", "no thanks", "don't": declining what I just asked. */
const NO =
  /^(?:(?:actually|oh|wait|well|um+|hmm+)[,!.]?\s+)?(?:no|nope|nah|n|no thanks|no thank you|don't|dont|do not|leave it|keep it|not now|hold off)(?:[,!.]?\s+(?:actually|thanks|thank you))?$/i;

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
