// Sentences that read like a task but never say "add": "buy eggs tomorrow", "dentist friday 3pm".
import type { Intent } from "./intent.types.js";

/**
 * Verbs a to-do opens with. Command verbs (delete, move, finish, mark, make…) are not here: their
 * rules come first, and what they leave is not a task.
 */
const TASK_VERB =
  /^(?:buy|get|grab|pick up|pick|order|shop for|return|sell|donate|call|phone|ring|email|e-mail|text|message|reply to|respond to|answer|write|draft|send|post|mail|ship|deliver|contact|ask|tell(?!\s+me\b)|invite|follow up|pay|renew|book|reserve|submit|file|sign|print|scan|fill out|fill in|apply|register|fix|repair|replace|install|update|upgrade|back up|clean|tidy|wash|vacuum|mop|dust|iron|fold|do(?!\s+(?:i|you|u|we|they|it|that|this|not|nothing|something)\b)|water|walk|feed|mow|cut|trim|paint|hang|assemble|build|take out|take(?!\s+care\b)|bring|drop off|collect|cook|bake|prep|prepare|pack|unpack|review|read|watch|study|practice|practise|learn|research|plan|organi[sz]e|sort out|sort|confirm|visit|see(?!\s+(?:you|ya|u)\b)|meet|meet with|go to|go|attend|join|start|work on|finish up|check on|check in with|look into|charge|refill|top up|empty|defrost|change the|schedule a)\b/i;

/**
 * Openings that make a sentence talk or a command, not a task ("i'm busy tomorrow", "not today",
 * "same friday", "set gym for 8pm").
 */
const NOT_A_TITLE =
  /^(?:i|i'm|im|i'll|ill|i've|ive|i'd|we|we're|you|you're|u|he|she|they|it|it's|its|that|that's|this|these|those|there|what|whats|what's|when|where|who|why|how|which|does|do|did|is|are|was|were|can|could|should|would|will|tell me|explain|summari[sz]e|describe|find|search|look up|not|no|nope|yes|yeah|maybe|perhaps|probably|and|but|or|so|just|also|same|ok|okay|sure|well|then|too|very|really|lol|haha|ugh|hmm|meh|wow|oh|ah|see you|talk|good|bad|great|nice|busy|tired|free|sorry|thanks|please|let|lets|let's|any|anything|nothing|everything|all|everyone|nobody|some|my day|today|tonight|tomorrow|set|move|push|change|make|mark|put|bump|tag|untag|scratch|rename|delete|remove|complete|postpone|reschedule|show|list|undo)\b/i;

/**
 * A being, having or past verb makes a statement ("the dentist is on friday", "my mom called
 * today"), not a title.
 */
const STATEMENT_WORD =
  /\b(?:is|are|was|were|am|be|been|isn't|aren't|wasn't|has|have|had|do i|did|went|called|said|told|came|left|happened|seemed|felt|love|loved|hate|hated|like|liked|think|thought|feel)\b/i;

/** A remark a task verb can open: news ("arrived", "came"), a message received, "call me". */
const REMARK = /\b(?:arrived|came|got here|showed up)\b|^\S+\s+(?:me|us|from)\b/i;

/**
 * Words that ask for the task, said around it: "can you", "please", "I need to", "remind me",
 * "don't forget". Without them a task is offered, not added: "order arrived today" or "read a
 * great book today" open with a task verb and name a day, yet are no request.
 */
const ASKED =
  /\b(?:can|could|would|will)\s+(?:you|u|ya)\b|\b(?:please|pls|plz)\b|\b(?:i|we)\s+(?:need|have|got|gotta|must|should|want)\s+to\b|\b(?:i|we)\s+(?:gotta|must|should)\b|\bremind me\b|\bdon'?t (?:let me )?forget\b/i;

/** A word a date or time can be said with; the planner, holding the clock, reads it for sure. */
const WHEN_WORD =
  /\d|\b(?:today|tonight|tonite|tomorrow|tomorow|tommorow|tmrw?|next|nxt|this|every|each|noon|midnight|morning|afternoon|evening|weekend|(?:mon|tues|wednes|thurs|fri|satur|sun)day|mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun|jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec|january|february|march|april|june|july|august|september|october|november|december)\b/i;

/**
 * "buy eggs tomorrow", "email john", "dentist friday 3pm": a task said without "add". Opened by
 * a task verb it is a task whatever follows (the planner adds it when it names a date, a priority
 * or a tag, and asks first otherwise); any other short phrase might be one only when it names a
 * date, which the planner, holding the clock, decides. Questions are never tasks.
 */
export function parseImplicitAdd(text: string, raw: string): Intent | null {
  if (/\?/.test(raw) || !/\s/.test(text.trim())) {
    // One word ("eggs", "lol") is too little to act on, whatever it is.
    return null;
  }
  const asked = ASKED.test(raw);
  if (TASK_VERB.test(text)) {
    // "order arrived today", "call center was busy", "text from mom", "call me tomorrow".
    if (!asked && (STATEMENT_WORD.test(text) || REMARK.test(text))) return null;
    return { kind: "implicit-add", text, verbLed: true, asked };
  }
  const dateFirst = whenFirst(text);
  if (dateFirst) return { kind: "implicit-add", text: dateFirst, verbLed: true, asked };
  if (NOT_A_TITLE.test(text) || STATEMENT_WORD.test(text) || !WHEN_WORD.test(text)) return null;
  // "gym to friday", "dentist -> friday": a move, not a title.
  const movedTo = /\s(?:to|->|=>|\u2192)\s+(\S+)/i.exec(text)?.[1];
  if (text.split(/\s+/).length > 8 || (movedTo && WHEN_WORD.test(movedTo))) return null;
  return { kind: "implicit-add", text, verbLed: false, asked };
}

/** Words a date said first is made of: "on friday", "this weekend", "tomorrow at 9". */
const WHEN_TOKEN =
  /^(?:on|by|at|before|this|next|nxt|every|each|in|the|a|an|\d[\d:]*(?:am|pm|st|nd|rd|th)?|am|pm|morning|afternoon|evening|night|week|month|days?|hours?|weeks?)$/i;

/** "(I need to)", "(remind me to)": what may stand between a date said first and the task. */
const NEED_TO =
  /^(?:(?:i|we)\s+(?:need to|have to|gotta|got to|must|should|want to)|(?:please\s+)?remind me to|i'll|ill)\s+/i;

/**
 * "tomorrow buy eggs", "on friday I need to call mom": the date first, then a task verb. The
 * task with its date moved to the end ("buy eggs tomorrow"), or null.
 */
function whenFirst(text: string): string | null {
  const words = text.split(/\s+/);
  for (let k = 1; k <= 4 && k < words.length; k++) {
    const head = words.slice(0, k);
    if (!head.every((word) => WHEN_TOKEN.test(word) || WHEN_WORD.test(word))) return null;
    if (!WHEN_WORD.test(head.join(" "))) continue;
    const rest = words.slice(k).join(" ").replace(/^,\s*/, "").replace(NEED_TO, "");
    if (TASK_VERB.test(rest) && /\s/.test(rest))
      return `${rest} ${head.join(" ").replace(/,$/, "")}`;
  }
  return null;
}
