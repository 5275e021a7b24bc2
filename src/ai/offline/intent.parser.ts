import { parseDateExpression } from "../../modules/tasks/quick-add.js";
import { parseBulk } from "./intent.bulk.js";
import { parseDetailQuery } from "./intent.detail.js";
import { parseImplicitAdd } from "./intent.implicit.js";
import { parseList, parseSortedList } from "./intent.list.js";
import type { Intent } from "./intent.types.js";
import { fixLeadingTypo } from "./intent.typo.js";
import { parseAnswer, parseLooseStatusQuery, parseStatusQuery } from "./intent.status.js";
import { acknowledgementOf, remarksOnDone, splitAcknowledgement } from "./intent.smalltalk.js";
import { tidy } from "./intent.words.js";
import { zoneOfPlace } from "./time.zones.js";
import { IS_ON_DAY, MOVED_TO } from "./intent.rules.due.js";
import {
  ADD_OPENING,
  ADD_RULES,
  JOTTED_DONE,
  LIST_PHRASE,
  PAST_TENSE_DONE,
  ref,
  REMIND_WHEN_FIRST,
  RULES,
  STATEMENTS,
} from "./intent.rules.js";

export { fixLeadingTypo } from "./intent.typo.js";
export { parsePriorityWord, parseTaskRef } from "./intent.words.js";

/** Leading words that only soften a command ("ok so could you please …"). */
const POLITE_PREFIX =
  /^(?:(?:ok(?:ay)?|so|and|also|now|then|oh|hey|um+|hmm+|well|alright|actually|wait|oh wait|sorry|never ?mind|nvm|no(?=[,!.]|\s+wait\b))[,!.]?\s+)*(?:(?:please|pls|plz|kindly)\s+)?(?:(?:can|could|would|will)\s+(?:you|u|ya)\s+(?:please\s+|pls\s+)?)?(?:(?:i(?:'d| would)? like to|i want to|i wanna|let's|lets)\s+(?=(?:add|create|make|delete|remove|complete|finish|mark|move|rename|change|see|show|list|reschedule|postpone|push|tag|set|reopen)\b))?(?:(?:go ahead and|just)\s+)?/i;

function stripPoliteness(text: string): string {
  return text
    .replace(POLITE_PREFIX, "")
    .replace(/[\s,]+(?:please|pls|plz|thanks|thank you|instead)[.!?]*$/i, "")
    .replace(/\s*[.!?]+$/, "")
    .trim();
}

/**
 * "no, thursday", "actually for tomorrow at 9", "i meant saturday": a correction of when the
 * task just added or changed is due (checked to be a date and nothing else).
 */
const CORRECTED_WHEN =
  /^(?:(?:(?:no|nope|actually|sorry|oops|wait|i meant|i mean)[,!.]?\s+)+(?:(?:for|on|at|to|by)\s+)?|(?:for|on|at|by)\s+)(.+?)(?:,?\s+instead)?$/;

/** A clock for telling whether words are a date at all (which day they name does not matter). */
const ANY_CLOCK = { timezone: "UTC", now: new Date(Date.UTC(2026, 0, 1)) };

/** True when all of `text` is a date or time ("thursday", "tomorrow at 9"). */
function isOnlyDate(text: string): boolean {
  const date = parseDateExpression(text, ANY_CLOCK);
  return date !== null && date.matchedText.trim().length >= text.trim().length;
}

/** Moves said as a fact ("gym is on friday"), which a question mark turns into a question. */
const SAID_AS_FACT = new Set([IS_ON_DAY, MOVED_TO]);

/** "can you …", "please …": a request, even when it ends in a question mark. */
const POLITE_REQUEST = /\b(?:can|could|would|will)\s+(?:you|u|ya)\b|\b(?:please|pls|plz)\b/i;

const QUESTION =
  /\?$|^(?:what|who|whom|whose|where|when|why|how|which|does|do|did|is|are|was|were|can|could|should|would|will|tell me|explain|summari[sz]e|describe|find|search|look up)\b/i;

/** "what did you just change?", "what changed?", "what was the last change": a recap. */
const LAST_CHANGE =
  /^(?:(?:so|ok|okay|wait|hm+|sorry|um+)[,\s]+)?(?:what(?:'s|\s+has|\s+have|s)?\s+(?:just\s+)?changed|what\s+(?:did|have)\s+(?:you|u)\s+(?:just\s+)?(?:do|done|change|changed|update|updated|modify|modified|edit|edited)|what\s+did\s+(?:i|we)\s+just\s+(?:do|change)|what\s+(?:was|is)\s+(?:the|your|my)\s+(?:last|latest|most recent)\s+(?:change|edit|update|action)|(?:show|tell)\s+me\s+(?:the\s+|your\s+)?(?:last|latest)\s+change|what\s+did\s+(?:that|it)\s+(?:just\s+)?(?:do|change))(?:\s+(?:just\s+now|now|there|exactly|to my (?:tasks|list)))?$/;

/** "that's wrong", "no, that's not what I meant", "you messed it up". */
const COMPLAINT =
  /^(?:(?:no|nope|oops|hmm+|uh+|um+)[,!.]?\s+)?(?:(?:that'?s|that is|this is|it'?s|thats)\s+(?:wrong|not right|incorrect|a mistake|not what i (?:meant|asked for|asked|wanted|said))|(?:wrong|not right|incorrect)(?:\s+(?:task|one|day|date|time))?|you\s+(?:got (?:it|that) wrong|did (?:it|that) wrong|messed (?:it|that) up|made a mistake)|why did you do that)$/;

/** `text` with its first "it" / "that" / "this" / "them" standing for `named` (a task's title). */
function insteadOfPronoun(text: string, named: string): string {
  if (/^(?:it|that|this|them|that one|this one)$/i.test(named)) return text;
  let replaced = false;
  // Only a pronoun standing alone as the object: not "that other one".
  const pronoun =
    /\b(?:(?:it|that|this)(?:'s|\s+is)\b|(?:it|that|this|them)\b(?=\s+(?:to|for|as|on|with|from|by|until|till|into|at|back|off|up|down)\b|\s*#|[\s.!?]*$))/gi;
  return text.replace(pronoun, (word) => {
    if (replaced) return word;
    replaced = true;
    return /(?:'s|\s+is)$/i.test(word) ? `${named} is` : named;
  });
}

/** An add command said with its verb first ("add …", "remind me to …"). */
const ADD_VERB_FIRST = /^(?:add|create|put|remind me to)\b/i;

/**
 * The verb said again after a comma or "and": "buy eggs and add call mom", "…, then add …",
 * "…; remind me to …". Not "… and add to my list" (where the first task goes).
 */
const ANOTHER_ADD =
  /(?:\s*[,;]\s*(?:and\s+|then\s+)?|\s+(?:and|then|&)\s+(?:then\s+)?|[.!]\s+)(?:also\s+)?(?:add|remind me to)\s+(?!(?:to|on|onto|in|into)\s+(?:my|the)\b)/gi;

/** At most this many tasks from one message; more is read as one task, as before. */
const MAX_ADDS = 10;

/** The tasks of an add command that names several, each with its own verb; one otherwise. */
function splitAdds(text: string): string[] {
  const parts: string[] = [];
  let start = 0;
  for (const match of text.matchAll(ANOTHER_ADD)) {
    // Quoted words are a title as typed: "add "salt and add pepper"" is one task.
    if ((text.slice(0, match.index).match(/["\u201c\u201d]/g)?.length ?? 0) % 2 === 1) continue;
    parts.push(text.slice(start, match.index));
    start = match.index + match[0].length;
  }
  parts.push(text.slice(start));
  return parts.length > MAX_ADDS ? [text] : parts;
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
  const meaningless =
    whole.kind === "unknown" || whole.kind === "question" || whole.kind === "implicit-add";
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
    /^(?:hi|hello|hey|hiya|howdy|yo|heya|hi there|hello there|hey there|good (?:morning|afternoon|evening|day)|morning|evening|afternoon|gm|greetings|sup|what's up|whats up|how are you|how's it going|hows it going)(?:[\s,]+(?:docket|there|friend|buddy))?(?:[\s,!]+how are you(?: doing)?)?$/.test(
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
  if (/^what time is it here(?: now| right now)?$/.test(lower)) return { kind: "clock" };
  // "what time is it in tokyo?", "what's the time in new york": the clock somewhere else.
  const elsewhere =
    /^(?:what(?:'s| is|s) the (?:current )?time|what time is it(?: now| right now)?|(?:current )?time) in ([a-z][a-z .,'_/+:0-9-]{1,40}?)(?: (?:now|right now))?$/.exec(
      lower,
    );
  if (elsewhere?.[1]) return { kind: "clock", place: elsewhere[1] };
  // "tokyo time?", "gmt+2 time now": said short, only for a place that has a zone ("bed time" has none).
  const placeTime =
    /^(?:(?:what(?:'s| is|s) the )?(?:current |local )?)?([a-z][a-z .'_/+:0-9-]{1,40}?) time(?: (?:now|right now|please))?$/.exec(
      lower,
    );
  if (placeTime?.[1] && /^(?:local|my|my local)$/.test(placeTime[1])) return { kind: "clock" };
  if (placeTime?.[1] && zoneOfPlace(placeTime[1])) return { kind: "clock", place: placeTime[1] };
  if (
    /^(?:(?:oops|whoops|no|wait|never ?mind)[\s,!]+)?(?:undo|revert|reverse|take back|roll back|cancel)(?: (?:that|it|this|the last (?:change|action|one|thing)|what you (?:just )?did|my last (?:change|action)))?(?: please)?$|^(?:oops|whoops),?\s+undo.*$|^take (?:that|it) back$|^(?:scratch|strike|scrap) that$|^(?:(?:oops|whoops|no|wait|wait no|no wait)[\s,!]+)?(?:put|bring) (?:it|that|them) back$|^undelete(?: (?:it|that))?$/.test(
      lower,
    )
  ) {
    return { kind: "undo" };
  }
  if (LAST_CHANGE.test(lower)) return { kind: "last-change" };
  if (COMPLAINT.test(lower)) return { kind: "complaint" };
  const answer = parseAnswer(lower);
  if (answer) return answer;
  const text = fixLeadingTypo(stripPoliteness(raw));
  const command = text.toLowerCase();
  const bulk = parseBulk(text);
  if (bulk) return bulk;
  const sortedList = parseSortedList(command, /\?\s*$/.test(raw));
  if (sortedList) return sortedList;
  // "what time is the dentist (due)?", before the list phrases that would read "what's … due".
  const timeQuery = /^what time(?:'s|\s+is)\s+(.+?)(?:\s+due)?$/i.exec(text);
  if (timeQuery?.[1]) return { kind: "due-query", ref: ref(timeQuery[1]), text: raw };
  const status = parseStatusQuery(text, raw) ?? parseDetailQuery(text, raw);
  if (status) return status;
  const list = parseList(command, /\?\s*$/.test(raw));
  if (list) return list;
  // "when is the dentist due?", "when do I need to call mom by?": a task's due date.
  const dueQuery =
    /^(?:when(?:'s|s|\s+is|\s+was|\s+are)|what (?:day|date) is)\s+(.+?)(?:\s+due)?$/i.exec(text) ??
    /^when\s+(?:do|should|must)\s+i\s+(?:need to\s+|have to\s+)?(.+?)(?:\s+by)?$/i.exec(text);
  if (dueQuery?.[1]) return { kind: "due-query", ref: ref(dueQuery[1]), text: raw };
  const loose = parseLooseStatusQuery(text, raw);
  if (loose) return loose;
  const corrected = CORRECTED_WHEN.exec(lower)?.[1];
  if (corrected && isOnlyDate(corrected)) {
    return { kind: "reschedule", ref: { kind: "pronoun" }, when: corrected };
  }
  // "I updated the budget doc, what's the total?" asks something: not a completion.
  const asks = raw.includes("?");
  for (const [pattern, build] of RULES) {
    if (
      asks &&
      (pattern === PAST_TENSE_DONE || pattern === JOTTED_DONE || SAID_AS_FACT.has(pattern))
    )
      continue;
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
    if (!match?.[1]) continue;
    const texts = ADD_VERB_FIRST.test(text) ? splitAdds(match[1]) : [match[1]];
    const added = texts.map((part) => part.replace(LIST_PHRASE, "").trim()).filter(Boolean);
    if (added.length > 1) return { kind: "add-many", texts: added };
    if (added[0]) return { kind: "add", text: added[0] };
  }
  const implicit = parseImplicitAdd(text, raw);
  if (implicit) return implicit;
  if (QUESTION.test(raw)) return { kind: "question", text: raw };
  return { kind: "unknown", text: raw };
}
