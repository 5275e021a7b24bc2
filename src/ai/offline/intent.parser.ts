import type { Intent, ListFilter, TaskRef } from "./intent.types.js";
import type { Priority } from "./offline.types.js";

const ORDINALS: Record<string, number> = {
  first: 1,
  second: 2,
  third: 3,
  fourth: 4,
  fifth: 5,
  sixth: 6,
  seventh: 7,
  eighth: 8,
  ninth: 9,
  tenth: 10,
};

/** Leading words that only soften a command ("ok so could you please …"). */
const POLITE_PREFIX =
  /^(?:(?:ok(?:ay)?|so|and|also|now|then|oh|hey|um+|well|alright)[,!]?\s+)*(?:(?:please|pls|plz|kindly)\s+)?(?:(?:can|could|would|will)\s+you\s+(?:please\s+)?)?(?:(?:go ahead and|just)\s+)?/i;

function tidy(text: string): string {
  return text
    .replace(/[\u2018\u2019]/g, "'")
    .replace(/\s+/g, " ")
    .trim();
}

function stripPoliteness(text: string): string {
  return text
    .replace(POLITE_PREFIX, "")
    .replace(/[\s,]+(?:please|pls|plz|thanks|thank you)[.!?]*$/i, "")
    .replace(/\s*[.!?]+$/, "")
    .trim();
}

function unquote(text: string): string {
  const match = /^["\u201c'](.*)["\u201d']$/.exec(text.trim());
  return (match?.[1] ?? text).trim();
}

/** Reads a task reference: "the second one", "#3", "it", "the task about the dentist". */
export function parseTaskRef(raw: string): TaskRef {
  let text = unquote(tidy(raw).replace(/[.!?]+$/, ""));
  const lower = text.toLowerCase();
  const ordinal =
    /^(?:the\s+)?(first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|last|\d+(?:st|nd|rd|th)?)(?:\s+(?:one|task|item|todo|thing))?(?:\s+(?:on|in|from)\s+(?:the|my|that)\s+list)?$/.exec(
      lower,
    );
  if (ordinal?.[1]) {
    const word = ordinal[1];
    if (word === "last") return { kind: "position", position: "last" };
    const position = ORDINALS[word] ?? Number.parseInt(word, 10);
    if (Number.isInteger(position) && position > 0) return { kind: "position", position };
  }
  const numbered = /^(?:(?:task|item|number|no\.?|todo)\s*#?\s*|#)(\d{1,3})$/.exec(lower);
  if (numbered?.[1]) return { kind: "position", position: Number(numbered[1]) };
  if (
    /^(?:it|that|this|them|that one|this one|the same one|that task|this task|the task|that item|this item|the one i just (?:added|created|made))$/.test(
      lower,
    )
  ) {
    return { kind: "pronoun" };
  }
  // Filler around the title: "the task about the dentist", "my buy milk task".
  const fillers = [
    /^(?:the|my|a|an|that|this)\s+(?:task|todo|to-do|item|one|reminder)\s+(?:about|called|named|titled|for|to|with)\s+/i,
    /^(?:the|my)\s+/i,
    /^(?:task|todo|to-do|item|reminder)\s*:?\s+/i,
    /\s+(?:task|todo|item|reminder)$/i,
    /\s+(?:from|off|on|in)\s+(?:my|the)\s+(?:list|tasks|todo list|to-do list|todos)$/i,
  ];
  for (let pass = 0; pass < 2; pass++) {
    for (const filler of fillers) text = text.replace(filler, "");
  }
  return { kind: "title", text: unquote(text) };
}

/** Reads a priority word ("urgent", "p2", "low priority"); null when it is not one. */
export function parsePriorityWord(raw: string): Priority | null {
  const text = raw
    .toLowerCase()
    .replace(/[-_]/g, " ")
    .replace(/\s*priority$/, "")
    .replace(/^(?:a|an)\s+/, "")
    .trim();
  if (
    /^(?:high|highest|urgent|important|top|critical|asap|p1|very important|very urgent)$/.test(text)
  )
    return "high";
  if (/^(?:medium|normal|mid|moderate|p2)$/.test(text)) return "medium";
  if (/^(?:low|lowest|minor|p3|not urgent|not important|less urgent|unimportant)$/.test(text))
    return "low";
  if (/^(?:none|no|p4|nothing)$/.test(text)) return "none";
  return null;
}

function parseTags(raw: string): string[] {
  return raw
    .split(/[\s,]+|\band\b/)
    .map((tag) => tag.replace(/^#/, "").trim())
    .filter((tag) => /^[\p{L}\p{N}_-]{1,50}$/u.test(tag));
}

const LIST_START =
  /^(?:#[\p{L}\p{N}_-]+\s+(?:tasks|todos|items)|tasks|todos|list|show|display|view|see|give me|tell me|what|what's|whats|what is|what are|what do|what have|which|any|anything|do i have|have i|is there|are there|my|all|how many|how's|hows)\b/u;
const LIST_WORDS =
  /\b(?:tasks?|to-?dos?|to do|list|due|overdue|past due|pending|open|outstanding|completed|done|finished|agenda|plate|scheduled|upcoming|remaining|left|priority|tagged|everything)\b|#[\p{L}\p{N}_-]|\b(?:have|got)\b.*\b(?:today|tomorrow|this week|next week)\b/u;

/** After "what", only words that clearly mean tasks make it a list request. */
const WHAT_LIST_WORDS =
  /\b(?:tasks?|to-?dos?|to do|list|due|overdue|past due|pending|completed|done|finished|agenda|plate|left|upcoming|priority|tagged|everything)\b|#\w|\b(?:have|got)\b.*\b(?:today|tomorrow|this week|next week)\b/;

function parseListFilter(lower: string): ListFilter {
  const filter: ListFilter = { status: "pending" };
  if (
    /\b(?:not done|unfinished|incomplete|not completed|open|pending|remaining|outstanding|left|to do)\b/.test(
      lower,
    )
  ) {
    filter.status = "pending";
  } else if (/\b(?:completed|done|finished|closed|checked off|ticked off)\b/.test(lower)) {
    filter.status = "completed";
  } else if (
    /\b(?:all|every|everything)\b/.test(lower) &&
    !/\ball (?:my )?(?:open|pending)\b/.test(lower)
  ) {
    filter.status = "all";
  }
  if (/\b(?:overdue|past due|late|missed)\b/.test(lower)) filter.due = "overdue";
  else if (/\b(?:today|tonight)\b/.test(lower)) filter.due = "today";
  else if (/\btomorrow\b/.test(lower)) filter.due = "tomorrow";
  else if (/\bnext week\b/.test(lower)) filter.due = "next-week";
  else if (/\b(?:this week|the week|week)\b/.test(lower)) filter.due = "week";
  else if (/\b(?:upcoming|coming up|soon|next few days)\b/.test(lower)) filter.due = "upcoming";
  const tag =
    /#([\p{L}\p{N}_-]+)/u.exec(lower) ??
    /\b(?:tagged|tag|labell?ed)\s+(?:with\s+|as\s+)?#?([\p{L}\p{N}_-]+)/u.exec(lower);
  if (tag?.[1]) filter.tag = tag[1];
  const priority = /\b(high|urgent|important|top|medium|normal|low)(?:[- ]priority)?\b/.exec(lower);
  if (priority?.[1] && (/priority/.test(lower) || /urgent|important/.test(priority[1]))) {
    filter.priority = parsePriorityWord(priority[1]) ?? undefined;
  }
  return filter;
}

const KNOWN_QUALIFIERS =
  /^(?:all|open|pending|completed|done|finished|overdue|late|today's|todays|tomorrow's|upcoming|remaining|outstanding|current|urgent|important|recent|old|new|the|these|those|other|unfinished|incomplete)$/;

function parseList(lower: string): Intent | null {
  if (
    /^(?:tasks|todos|to-?dos|my tasks|my todos|my list|my to-?do list|agenda|my agenda|list|inbox)$/.test(
      lower,
    )
  ) {
    return { kind: "list", filter: { status: "pending" }, count: false };
  }
  const short =
    /^(?:show\s+|list\s+)?(?:my\s+|all\s+)?((?:[\p{L}\p{N}#_-]+\s+){0,2}?)(?:tasks|todos|to-dos)$/u.exec(
      lower,
    );
  if (short) {
    const filter = parseListFilter(lower);
    const words = (short[1] ?? "").trim();
    // "work tasks": a single unknown qualifier is a tag.
    if (/^[\p{L}\p{N}_-]+$/u.test(words) && !KNOWN_QUALIFIERS.test(words)) filter.tag = words;
    return { kind: "list", filter, count: false };
  }
  if (!LIST_START.test(lower) || !LIST_WORDS.test(lower)) return null;
  // "what is X about?" style questions about documents are not list requests.
  if (/^(?:what|what's|whats|what is)\b/.test(lower) && !WHAT_LIST_WORDS.test(lower)) {
    return null;
  }
  return { kind: "list", filter: parseListFilter(lower), count: /^how many\b/.test(lower) };
}

type Rule = [RegExp, (match: RegExpExecArray) => Intent | null];

const ref = (text: string | undefined): TaskRef => parseTaskRef(text ?? "");

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
    /^(?:add|put)\s+(?:the\s+)?(?:tag|label)\s+(\S+)\s+(?:to|on)\s+(.+)$/i,
    (m) => ({ kind: "tag", ref: ref(m[2]), tags: parseTags(m[1] ?? ""), remove: false }),
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
    /^(.+?)\s+is\s+(?:a\s+|an\s+)?((?:high|low|medium|top|normal)\s+priority|urgent|important|not urgent|not important|p[1-4])$/i,
    (m) => priorityIntent(m[1], m[2]),
  ],
  // Due dates.
  [
    /^(?:remove|clear|drop|delete|unset)\s+(?:the\s+)?(?:due date|deadline|due|date|reminder)\s+(?:from|of|on|for)\s+(.+)$/i,
    (m) => ({ kind: "reschedule", ref: ref(m[1]), when: null }),
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
    /^(?:move|postpone|reschedule|push|delay|defer|shift|bump|snooze)\s+(.+?)\s+(?:to|until|till|til|for|by|on|into)\s+(.+)$/i,
    (m) => ({ kind: "reschedule", ref: ref(m[1]), when: m[2] ?? "" }),
  ],
  [
    /^(?:postpone|delay|defer|snooze|push back)\s+(.+)$/i,
    (m) => ({ kind: "reschedule", ref: ref(m[1]), when: "tomorrow" }),
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
    /^(?:i'm|im|i am)\s+(?:all\s+)?(?:done|finished|through)\s+with\s+(.+)$/i,
    (m) => ({ kind: "complete", ref: ref(m[1]) }),
  ],
  [
    /^(.+?)\s+(?:is|are|was|has been)\s+(?:done|complete|completed|finished|taken care of|sorted)$/i,
    (m) => ({ kind: "complete", ref: ref(m[1]) }),
  ],
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
  // Delete.
  [
    /^(?:delete|remove|erase|trash|drop|get rid of|cancel|scrap|discard|forget about|forget|nuke|bin)\s+(.+)$/i,
    (m) => ({ kind: "delete", ref: ref(m[1]) }),
  ],
];

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
  /^(?:add|put|jot down|write down|note down)\s*:?\s+(.+)$/i,
  /^remind me\s+(?:to|about|that i (?:need|have) to|that i should)\s+(.+)$/i,
  /^(?:don't|dont|do not|never) (?:let me )?forget\s+(?:to|about)\s+(.+)$/i,
  /^(?:remember|note)\s+(?:to|that i need to|that i have to)\s+(.+)$/i,
  /^(?:i|we)\s+(?:need to|have to|got to|gotta|must|should|ought to|'ve got to|'ve gotta)\s+(.+)$/i,
  /^(?:i've got to|i've got|i gotta|need to|have to|gotta|must)\s+(.+)$/i,
  /^(?:todo|to-do|to do|task|new task|new todo|reminder)\s*:\s*(.+)$/i,
];

const QUESTION =
  /\?$|^(?:what|who|whom|whose|where|when|why|how|which|does|do|did|is|are|was|were|can|could|should|would|will|tell me|explain|summari[sz]e|describe|find|search|look up)\b/i;

const VERBS = [
  "add",
  "delete",
  "remove",
  "complete",
  "finish",
  "mark",
  "rename",
  "move",
  "postpone",
  "reschedule",
  "show",
  "list",
  "reopen",
  "create",
  "remind",
  "change",
  "check",
  "cancel",
];
/** Real words one slip away from a verb, never corrected. */
const NOT_TYPOS = new Set([
  "last",
  "lost",
  "more",
  "love",
  "made",
  "mask",
  "shot",
  "shoe",
  "dad",
  "ad",
]);

/** Optimal string alignment distance, capped: only "one slip" matters here. */
function slipDistance(a: string, b: string): number {
  if (Math.abs(a.length - b.length) > 1) return 2;
  const rows: number[][] = [];
  for (let i = 0; i <= a.length; i++) {
    const row: number[] = [];
    for (let j = 0; j <= b.length; j++) {
      if (i === 0 || j === 0) {
        row.push(i + j);
        continue;
      }
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(
        (rows[i - 1]?.[j] ?? 0) + 1,
        (row[j - 1] ?? 0) + 1,
        (rows[i - 1]?.[j - 1] ?? 0) + cost,
      );
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        best = Math.min(best, (rows[i - 2]?.[j - 2] ?? 0) + 1);
      }
      row.push(best);
    }
    rows.push(row);
  }
  return rows[a.length]?.[b.length] ?? 2;
}

/** Fixes one slip in the leading verb ("delte buy milk", "compelte it"). */
export function fixLeadingTypo(text: string): string {
  const match = /^(\S+)(.*)$/s.exec(text);
  const first = match?.[1]?.toLowerCase() ?? "";
  if (first.length < 4 || VERBS.includes(first) || NOT_TYPOS.has(first)) return text;
  // Inflections ("completed", "lists", "moving") are words, not slips.
  if (VERBS.some((verb) => first.startsWith(verb) || first.startsWith(verb.replace(/e$/, ""))))
    return text;
  const close = VERBS.filter((verb) => verb.length >= 4 && slipDistance(first, verb) === 1);
  return close.length === 1 && close[0] ? close[0] + (match?.[2] ?? "") : text;
}

/** Classifies one user message. Pure: no clock, no tools, no conversation. */
export function parseIntent(message: string): Intent {
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
    /^(?:(?:ok(?:ay)?|great|awesome|perfect|nice|cool|wonderful|brilliant|sweet)[\s,!]*)?(?:thanks|thank you|thank u|thx|ty|tysm|cheers|much appreciated|appreciate it)(?: (?:so much|a lot|very much|again|a bunch))?(?:[\s,!]+(?:docket|mate|buddy))?$|^(?:great|awesome|perfect|nice|cool|ok|okay|got it|sounds good|good|wonderful|brilliant|sweet|lovely|excellent)$/.test(
      lower,
    )
  ) {
    return { kind: "thanks" };
  }
  if (
    /^(?:bye|goodbye|good bye|see you|see ya|cya|good night|goodnight|later|that's all|thats all|that's it|that is all)(?: for now| for today| then)?$/.test(
      lower,
    )
  ) {
    return { kind: "farewell" };
  }
  if (
    /^(?:help|\?|commands|menu|what can you do|what can i (?:do|say|ask)|what do you do|how do i use (?:this|you|docket)|how does this work|how do you work|what are (?:the|your) commands|help me|show help|usage|what are you)$/.test(
      lower.replace(/\?$/, ""),
    )
  ) {
    return { kind: "help" };
  }
  if (
    /^(?:(?:oops|whoops|no|wait|never ?mind)[\s,!]+)?(?:undo|revert|reverse|take back|roll back|cancel)(?: (?:that|it|this|the last (?:change|action|one|thing)|what you (?:just )?did|my last (?:change|action)))?(?: please)?$|^(?:oops|whoops),?\s+undo.*$|^take (?:that|it) back$/.test(
      lower,
    )
  ) {
    return { kind: "undo" };
  }
  const text = fixLeadingTypo(stripPoliteness(raw));
  const command = text.toLowerCase();
  const list = parseList(command);
  if (list) return list;
  for (const [pattern, build] of RULES) {
    const match = pattern.exec(text);
    if (!match) continue;
    const intent = build(match);
    if (intent && !("ref" in intent && intent.ref.kind === "title" && !intent.ref.text))
      return intent;
  }
  for (const pattern of ADD_RULES) {
    const match = pattern.exec(text);
    if (match?.[1]?.trim()) return { kind: "add", text: match[1].trim() };
  }
  if (QUESTION.test(raw)) return { kind: "question", text: raw };
  return { kind: "unknown", text: raw };
}
