import type { Intent, ListFilter } from "./intent.types.js";
import { parseCount } from "../../modules/tasks/quick-add/words.js";
import { parsePriorityWord } from "./intent.words.js";
import { respellSlang } from "../../modules/tasks/quick-add/slang.js";

/** A day a person asks about: "friday", "next monday", "the 20th", "march 20", "3/20". */
const DAY =
  "(?:(?:this|next)\\s+)?(?:mon|tues|wednes|thurs|fri|satur|sun)day|(?:the\\s+)?\\d{1,2}(?:st|nd|rd|th)?(?:\\s+of)?\\s+(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*|the\\s+\\d{1,2}(?:st|nd|rd|th)|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\\.?\\s+\\d{1,2}(?:st|nd|rd|th)?|\\d{1,2}/\\d{1,2}";
/** "on friday", "for the 20th", "due march 20", or a weekday alone: the day of a list request. */
const DAY_PHRASE = new RegExp(
  `\\b(?:(?:on|for|due(?:\\s+on)?|(before|by|until|till))\\s+(${DAY})|((?:(?:this|next)\\s+)?(?:mon|tues|wednes|thurs|fri|satur|sun)day))\\b`,
);
/** A time frame after "have" / "got" / "anything" that makes a question about tasks. */
const WHEN_WORDS = `(?:today|tonight|tomorrow|tomorow|tommorow|tmrw?|this week|next week|(?:this |next |the )?weekend|${DAY})`;
/** "what's on friday?", "what's happening this weekend": a whole message about one day. */
const WHATS_ON_DAY = new RegExp(
  `^(?:what's|whats|what is)\\s+(?:on|happening|up|planned)\\s+(?:for\\s+|on\\s+)?${WHEN_WORDS}$`,
);
/** "anything on friday", "do I have something due the 20th". */
const HAVE_ON_DAY = new RegExp(
  `\\b(?:have|got|anything|something|planned|scheduled)\\b.*\\b${WHEN_WORDS}\\b`,
);

/** The days and spans a person asks about as a whole ("my week", "tomorrow", "friday"). */
const FRAME = `((?:my\\s+)?(?:day|week)|today|tonight|tomorrow|this week|next week|(?:this |the )?weekend|${DAY})`;
/** "what does my week look like", "how's tomorrow looking", "what's today look like". */
const LOOKS_LIKE = new RegExp(
  `^(?:what|how)(?:'s|s|\\s+is|\\s+does|\\s+do)?\\s+(?:the\\s+)?${FRAME}(?:'s)?\\s+(?:look(?:s|ing)?(?:\\s+like)?|like)$`,
);
/** "what am I doing friday", "what are we doing this weekend". */
const DOING_ON = new RegExp(`^what\\s+(?:am\\s+i|are\\s+we)\\s+doing\\s+(?:on\\s+)?${FRAME}$`);

/** "how many today", "how many things do I have this week". */
const HOW_MANY_ON = new RegExp(
  `^how many(?:\\s+(?:tasks?|things|items|to-?dos))?(?:\\s+(?:do|have)\\s+i(?:\\s+(?:have|got))?)?\\s+(?:for\\s+|on\\s+|due\\s+)?${FRAME}$`,
);

/** "today", "and tomorrow", "what about friday": a day said alone, asked about. */
const FRAME_ALONE = new RegExp(
  `^(?:and\\s+|what about\\s+|how about\\s+|anything\\s+|(?:my\\s+|any\\s+)?plans?\\s+)?(?:for\\s+|on\\s+|due\\s+)?${FRAME}$`,
);

/** How list requests open: "show", "what's", "how many", "#home tasks"… */
const LIST_START =
  /^(?:#[\p{L}\p{N}_-]+\s+(?:tasks|todos|items)|tasks|todos|list|show|display|view|see|give me|tell me|what|what's|whats|what is|what are|what do|what have|which|any|anything|do i have|have i|is there|are there|is anything|is something|are any|my|all|how many|count|how's|hows|agenda)\b/u;
/** Words that make an opening a request about tasks. */
const LIST_WORDS =
  /\b(?:tasks?|to-?dos?|to do|list|due|overdue|past due|pending|open|outstanding|completed|done|finished|agenda|plate|scheduled|upcoming|coming up|remaining|left|priority|tagged|everything|deadlines?)\b|#[\p{L}\p{N}_-]/u;

/** After "what", only words that clearly mean tasks make it a list request. */
const WHAT_LIST_WORDS =
  /\b(?:tasks?|to-?dos?|to do|list|due|overdue|past due|pending|completed|done|finished|agenda|plate|left|upcoming|coming up|priority|tagged|everything|deadlines?|(?:still\s+)?(?:open|outstanding|remaining))\b|#\w/;

/** "what's overdue and what's due today", "today's tasks plus anything late": both lists. */
const OVERDUE_AND_TODAY =
  /\b(?:overdue|past due|late)\b.*\b(?:and|&|plus|or|also|as well as)\b.*\b(?:today|tonight)\b|\b(?:today|tonight)\b.*\b(?:and|&|plus|or|also|as well as)\b.*\b(?:overdue|past due|late)\b/;

/** "the next 3 days", "coming five days". */
const NEXT_DAYS =
  /\b(?:next|coming|following)\s+(\d{1,2}|two|three|four|five|six|seven|ten|fourteen)\s+days\b/;

/** The filter a list request's words say (state, due window, day, tag, priority). */
export function parseListFilter(lower: string): ListFilter {
  const filter: ListFilter = { status: "pending" };
  if (
    /\b(?:including|incl|with|and|plus|even)\s+(?:the\s+)?(?:completed|done|finished)\b/.test(lower)
  ) {
    filter.status = "all";
  } else if (
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
  const day = DAY_PHRASE.exec(lower);
  if (
    /\b(?:without|with no|no|w\/o|missing)\s+(?:a\s+)?(?:due\s+)?(?:date|deadline|due date)s?\b|\b(?:undated|unscheduled|not scheduled)\b/.test(
      lower,
    )
  )
    filter.due = "undated";
  else if (OVERDUE_AND_TODAY.test(lower)) filter.due = "overdue-and-today";
  else if (/\b(?:overdue|past due|late|missed)\b/.test(lower)) filter.due = "overdue";
  else if (/\b(?:today|tonight)(?:'?s)?\b/.test(lower)) filter.due = "today";
  else if (/\b(?:tomorrow|tomorow|tommorow|tommorrow|tmrw?|2moro)(?:'?s)?\b/.test(lower))
    filter.due = "tomorrow";
  else if (/\bweekend\b/.test(lower)) filter.due = "weekend";
  else if (/\bnext month\b/.test(lower)) filter.due = "next-month";
  else if (/\b(?:this|the|current)\s+month\b/.test(lower)) filter.due = "month";
  else if (NEXT_DAYS.test(lower))
    filter.days = parseCount(NEXT_DAYS.exec(lower)?.[1] ?? "") ?? undefined;
  else if (day?.[2] ?? day?.[3]) {
    filter.day = day[2] ?? day[3];
    if (day[1]) filter.dayBound = day[1] === "before" ? "before" : "through";
  } else if (/\bnext week\b/.test(lower)) filter.due = "next-week";
  else if (/\b(?:this week|the week|week)\b/.test(lower)) filter.due = "week";
  else if (/\b(?:upcoming|coming up|soon|ne?xt few days)\b/.test(lower)) filter.due = "upcoming";
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

/** Words after "show" that are no tag ("show me", "show more"). */
const NOT_A_TAG =
  /^(?:me|us|it|them|that|this|those|these|more|less|again|something|anything|stuff|things|items|help|up|off|list|tags|labels|settings)$/;

/** "do I have a task about the dentist?", "search my tasks for milk": a search of the tasks. */
const SEARCH =
  /^(?:do i have|have i got|is there|are there|any|find|show me|show|list)\s+(?:a\s+|an\s+|any\s+|the\s+|my\s+)?(?:tasks?|to-?dos?)\s+(?:about|called|named|titled|mentioning|containing|matching|related to|regarding)\s+(.+?)\??$|^(?:search|look through|check)\s+(?:my\s+)?(?:tasks|to-?dos|list)\s+for\s+(.+?)\??$/;

/** "by priority", "sorted by due date", "in order of importance": how a list is to be ordered. */
const SORT_SUFFIX =
  /\s*,?\s*(?:(?:sorted|ordered|arranged|ranked)\s+)?(?:by|in order of|according to)\s+(?:(?:their|its|the)\s+)?(priority|priorities|importance|urgency|due dates?|dates?|deadlines?|due)(?:\s+(?:first|order))?$/;
/** "sort by priority", "order my tasks by due date", "what about by due date": only an order. */
const SORT_ONLY =
  /^(?:(?:and|now|what about|how about|ok|okay|can you|could you|please|pls)(?:\s+|$))*(?:(?:sort|order|arrange|rank|organi[sz]e|re-?sort|re-?order)(?:\s+(?:them|it|these|those|the list|my list|the tasks|my tasks|tasks|my to-?dos|everything))?|show\s+(?:them|it|these|those|the list)|list\s+(?:them|those|these))?$/;

/** "what's my highest priority task", "which is the most important one". */
const TOP_PRIORITY =
  /^(?:what(?:'s| is|s| are)|which(?: task)? is|show me)\s+(?:my\s+|the\s+)?(?:highest|top)[- ]priority(?:\s+(?:task|item|thing|one|todo)s?)?$/;
/** "what's due first", "what's the next thing due", "what's due next". */
const DUE_FIRST =
  /^(?:what(?:'s| is|s)|which(?: task)? is)\s+(?:due\s+(?:first|next|soonest)|(?:the\s+)?(?:next|first)\s+(?:thing|task|one)\s+(?:that's\s+|that is\s+)?due)$/;

/** The order a list request asks for, and the request without those words; null for none. */
function parseSort(lower: string): { sort: "priority" | "due"; rest: string } | null {
  const match = SORT_SUFFIX.exec(lower);
  if (!match?.[1]) return null;
  const sort = /^(?:priorit|importance|urgency)/.test(match[1]) ? "priority" : "due";
  return { sort, rest: lower.slice(0, match.index).trim() };
}

/**
 * A list or count request, or null when the message is something else. `asked` when the
 * message was a question ("today?" asks what is due today).
 */
export function parseList(message: string, asked = false): Intent | null {
  return parseSortedList(message, asked) ?? parseListUnsorted(message, asked);
}

/**
 * A list request that says its order ("sort by priority", "show my work tasks by due date"),
 * or null: read before the questions about one task, which "… by due date" would look like.
 */
export function parseSortedList(message: string, asked = false): Intent | null {
  const lower = message.toLowerCase().replace(/[?.!\s]+$/, "");
  // "what's my highest priority task?", "what's due first?": the list in that order.
  if (TOP_PRIORITY.test(lower))
    return { kind: "list", filter: { status: "pending", sort: "priority" }, count: false };
  if (DUE_FIRST.test(lower))
    return { kind: "list", filter: { status: "pending", sort: "due" }, count: false };
  const sorted = parseSort(lower);
  if (sorted) {
    if (SORT_ONLY.test(sorted.rest)) {
      return {
        kind: "list",
        filter: { status: "pending", sort: sorted.sort, resort: true },
        count: false,
      };
    }
    // "sort my work tasks by priority" shows them.
    const rest = sorted.rest.replace(/^(?:sort|order|arrange|rank)\s+/, "show ");
    const list = parseList(rest, asked);
    if (list?.kind === "list" && !list.count) {
      return { ...list, filter: { ...list.filter, sort: sorted.sort } };
    }
    return list;
  }
  return null;
}

function parseListUnsorted(message: string, asked: boolean): Intent | null {
  // A search looks for the words as typed ("search my tasks for nxt").
  const search = SEARCH.exec(message);
  // Anything else reads slang date words ("tonite", "nxt week") as spelled out.
  const lower = respellSlang(message).text;
  const words = (search?.[1] ?? search?.[2] ?? "")
    .replace(/^(?:the|a|an|my)\s+/, "")
    .replace(/^["\u201c'](.*)["\u201d']$/, "$1")
    .trim();
  if (words) return { kind: "list", filter: { status: "all", q: words }, count: false };
  // "overdue?", "anything late": the overdue tasks.
  if (
    /^(?:(?:anything|any)\s+(?:overdue|late|past due)|overdue|past due)(?:\s+(?:tasks?|stuff|items))?$/.test(
      lower,
    )
  )
    return { kind: "list", filter: { status: "pending", due: "overdue" }, count: false };
  // "what does my week look like?", "what am I doing friday?", "today?", "and tomorrow?".
  const frame =
    LOOKS_LIKE.exec(lower) ??
    DOING_ON.exec(lower) ??
    (asked || /^(?:and|what about|how about)\s/.test(lower) ? FRAME_ALONE.exec(lower) : null);
  if (frame?.[1]) {
    const when = frame[1]
      .replace(/^(?:my\s+)?day$/, "today")
      .replace(/^(?:my\s+)?week$/, "this week");
    return { kind: "list", filter: parseListFilter(`due ${when}`), count: false };
  }
  // "how many today?", "how many tasks this week": those days' tasks, counted.
  const counted = HOW_MANY_ON.exec(lower);
  if (counted?.[1]) {
    const when = counted[1]
      .replace(/^(?:my\s+)?day$/, "today")
      .replace(/^(?:my\s+)?week$/, "this week");
    return { kind: "list", filter: parseListFilter(`due ${when}`), count: true };
  }
  // "is everything done?", "did I finish all my tasks?": the pending tasks, counted.
  if (
    /^(?:(?:is|are)\s+(?:everything|all(?:\s+of)?\s+(?:my|the)\s+(?:tasks|to-?dos)|all\s+(?:the\s+)?(?:tasks|to-?dos))\s+(?:done|finished|complete|completed)|(?:did|have)\s+i\s+(?:finish(?:ed)?|complete(?:d)?|do(?:ne)?)\s+(?:everything|all(?:\s+of)?\s+(?:my|the)\s+(?:tasks|to-?dos)))(?:\s+(?:yet|already|now|today))?$/.test(
      lower.replace(/\?$/, ""),
    )
  ) {
    return { kind: "list", filter: { status: "pending" }, count: true };
  }
  // "how many did I finish?": the completed tasks, counted.
  if (
    /^how many(?:\s+tasks?)?\s+(?:did|have)\s+i\s+(?:already\s+)?(?:complete|completed|finish|finished|do|done|get done|got done|check off|tick off)\b/.test(
      lower,
    )
  ) {
    return { kind: "list", filter: { status: "completed" }, count: true };
  }
  // "anything urgent?", "what's most important?": the high-priority tasks.
  if (
    /^(?:anything|something|what's|whats|what is|is there anything|is anything|do i have anything)\s+(?:(?:the\s+)?most\s+|really\s+)?(?:urgent|important|high priority)$/.test(
      lower.replace(/\?$/, ""),
    )
  ) {
    return { kind: "list", filter: { status: "pending", priority: "high" }, count: false };
  }
  if (
    /^(?:tasks|todos|to-?dos|my tasks|my todos|my list|my to-?do list|to-?do list|to do list|agenda|my agenda|list|inbox|show all|list all)$/.test(
      lower,
    )
  ) {
    return { kind: "list", filter: parseListFilter(lower), count: false };
  }
  const short =
    /^(?:show\s+(?:me\s+)?|list\s+|count\s+|what are\s+|what're\s+)?(?:my\s+|all\s+)?((?:[\p{L}\p{N}#_-]+\s+){0,2}?)(?:tasks|todos|to-dos)$/u.exec(
      lower,
    );
  if (short) {
    const filter = parseListFilter(lower);
    const words = (short[1] ?? "").trim();
    // "work tasks": a single unknown qualifier is a tag.
    if (/^[\p{L}\p{N}_-]+$/u.test(words) && !KNOWN_QUALIFIERS.test(words)) filter.tag = words;
    return { kind: "list", filter, count: /^count\b/.test(lower) };
  }
  // "list work", "show home": one word that names no day or state is a tag.
  const single = /^(?:show|list)\s+(?:me\s+)?(?:my\s+)?#?([\p{L}\p{N}_-]+)$/u.exec(lower)?.[1];
  if (
    single &&
    !KNOWN_QUALIFIERS.test(single) &&
    !LIST_WORDS.test(single) &&
    !NOT_A_TAG.test(single)
  ) {
    // "show today" is a day, not a tag.
    const filter = parseListFilter(single);
    const dated = filter.due ?? filter.day ?? filter.days ?? filter.priority;
    return {
      kind: "list",
      filter: dated ? filter : { ...filter, tag: single, tagOrTitle: true },
      count: false,
    };
  }
  // "what's next?", "what should I do first?": the open tasks, soonest due first.
  if (
    /^(?:what's ne?xt|whats ne?xt|what is ne?xt|what now|what ne?xt|where do i start|what should i (?:do|work on|focus on|tackle|start with)(?: first| next| now| today)?)$/.test(
      lower,
    )
  ) {
    return { kind: "list", filter: parseListFilter(lower), count: false };
  }
  // "what did I get done today?": the completed tasks (when they were done is not kept).
  if (
    /^(?:what|which)(?:\s+tasks?)?\s+(?:did|have)\s+i\s+(?:already\s+)?(?:complete|completed|finish|finished|get done|got done|do|done|check off|checked off|tick off|ticked off)(?:\s+(?:today|yesterday|this week|so far|recently|lately))?\s*\??$/.test(
      lower,
    )
  ) {
    return { kind: "list", filter: { status: "completed" }, count: false };
  }
  const aboutDay = WHATS_ON_DAY.test(lower) || HAVE_ON_DAY.test(lower);
  if (!LIST_START.test(lower) || !(LIST_WORDS.test(lower) || aboutDay)) return null;
  // "what is X about?" style questions about documents are not list requests.
  if (/^(?:what|what's|whats|what is)\b/.test(lower) && !WHAT_LIST_WORDS.test(lower) && !aboutDay) {
    return null;
  }
  return {
    kind: "list",
    filter: parseListFilter(lower),
    count: /^(?:how many|count)\b/.test(lower),
  };
}
