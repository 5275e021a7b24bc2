import { unfenced } from "../tools/knowledge-tools.js";
import { asRecord } from "./conversation.js";
import type { Plan, PlanContext } from "./offline.types.js";
import { callTool, failureText, hasTools, reply, turnCalls } from "./plan.shared.js";
import { escapeMarkdown } from "./reply.format.js";
import { formatNow } from "./time.js";
import { zoneLabel, zoneOfPlace } from "./time.zones.js";

/** Passages quoted in a knowledge answer. */
const MAX_PASSAGES = 3;

/** A short friendly answer to small talk; never a tool call. */
export function planSmallTalk(kind: "greeting" | "thanks" | "acknowledge" | "farewell"): Plan {
  switch (kind) {
    case "greeting":
      return reply(
        "Hi! I can keep track of your tasks \u2014 try \u201cadd call mom tomorrow at 5pm\u201d or \u201cwhat's due today?\u201d.",
      );
    case "thanks":
      return reply("You're welcome!");
    case "acknowledge":
      return reply("Okay.");
    case "farewell":
      return reply("Bye! Your tasks will be here when you get back.");
  }
}

/** "In my timezone", "here": the user's own clock. */
const HERE = /^(?:here|my (?:time ?zone|zone)|my time|local time|my place|my city)$/;

/** "What time is it?": the local time and date, in the user's timezone or the place asked about. */
export function planClock(ctx: PlanContext, place?: string): Plan {
  if (place === undefined || HERE.test(place))
    return reply(`It's ${formatNow(ctx.now, ctx.timezone)} (${ctx.timezone}).`);
  const zone = zoneOfPlace(place);
  if (!zone) {
    return reply(
      `I don't know the time zone of \u201c${escapeMarkdown(place)}\u201d \u2014 try a city such as \u201cTokyo\u201d or \u201cNew York\u201d, or a zone such as \u201cAmerica/Chicago\u201d.`,
    );
  }
  return reply(`It's ${formatNow(ctx.now, zone)} in ${zoneLabel(zone)}.`);
}

/** "Remove the note from X", "add a note to X: …": a part I can't change; nothing changes. */
export function planUnsupported(part: string, adding = false): Plan {
  const what = adding
    ? `I can't add a ${part} to a task here`
    : part === "everything"
      ? "I can't clear a whole task at once"
      : `I can't remove a task's ${part} here`;
  return reply(`${what}, so I haven't changed anything. You can edit the task in the task list.`);
}

/** What the offline assistant can do, with examples. */
export function planHelp(ctx: PlanContext): Plan {
  const lines = [
    "I'm Docket's built-in assistant. You can ask me to:",
    "",
    "- **add** a task: \u201cadd call mom tomorrow at 5pm p1 #family\u201d, \u201cremind me to pay rent every 1st\u201d",
    "- **list** tasks: \u201cwhat's due today?\u201d, \u201canything on friday?\u201d, \u201cwhat's overdue\u201d, \u201ctasks without a due date\u201d, \u201c#home tasks\u201d",
    "- **ask** about one: \u201cwhen is the dentist due?\u201d, \u201cis gym done?\u201d, \u201ctell me about pay rent\u201d, \u201cdo I have a task about taxes?\u201d",
    "- **complete** or reopen: \u201cmark buy milk as done\u201d, \u201ccomplete the second one\u201d, \u201ccomplete both\u201d, \u201cfinish all tasks due today\u201d, \u201creopen it\u201d",
    "- **change** a task: \u201crename X to Y\u201d, \u201cmove X to friday\u201d, \u201cpostpone X by 2 days\u201d, \u201cmake X urgent\u201d, \u201ctag X with #home\u201d",
    "- **delete** a task: \u201cdelete the task about the dentist\u201d, \u201cdelete all completed tasks\u201d (I ask before changing several)",
    "- **undo** my last change",
  ];
  if (hasTools(ctx, "search_knowledge")) {
    lines.push("- **answer questions** from your documents, with sources");
  }
  return reply(lines.join("\n"));
}

interface Passage {
  n: number;
  title: string;
  snippet: string;
}

function passagesOf(output: unknown): Passage[] {
  const results = asRecord(output).results;
  if (!Array.isArray(results)) return [];
  return results
    .map((raw: unknown, index) => {
      const result = asRecord(raw);
      return {
        n: typeof result.n === "number" ? result.n : index + 1,
        title: typeof result.title === "string" ? result.title : "a document",
        snippet:
          typeof result.snippet === "string"
            ? unfenced(result.snippet).replace(/\s+/g, " ").trim()
            : "",
      };
    })
    .filter((passage) => passage.snippet);
}

/** Question words and fillers that say nothing about what is asked. */
const QUESTION_WORDS = new Set(
  "a an the is are was were be been do does did can could should would will shall may might must i me my mine we our you your it its this that these those what which who whom whose when where why how much many there here of in on at to for from by with about as and or not no any some have has had get got tell say said please documents document notes note".split(
    " ",
  ),
);

/** A word reduced to what its forms share: "leases" and "lease", "renewal" and "renew". */
function wordStem(word: string): string {
  if (word.length <= 4) return word;
  return word.replace(/(?:ing|ed|al|es|s)$/, "");
}

function stemsOf(text: string): Set<string> {
  const words = text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
  return new Set(words.filter((word) => !QUESTION_WORDS.has(word)).map(wordStem));
}

/**
 * A passage's sentences: split after . ! ? before a capital, a digit or a quote, but not after
 * a title or an initial ("Mrs. Okafor", "J. Smith", "e.g. Paris").
 */
function sentencesOf(text: string): string[] {
  return text.split(
    /(?<=(?<!\b(?:Mr|Mrs|Ms|Dr|Prof|St|Mt|Jr|Sr|No|vs|etc|e\.g|i\.e|approx|incl|\p{Lu}))[.!?])\s+(?=[\p{Lu}\p{N}"\u201c(])/u,
  );
}

/** The longest quote from one passage, in characters; longer ones end in "…". */
const MAX_QUOTE = 400;

function clipped(text: string): string {
  if (text.length <= MAX_QUOTE) return text;
  const cut = text.slice(0, MAX_QUOTE);
  const space = cut.lastIndexOf(" ");
  return `${(space > MAX_QUOTE / 2 ? cut.slice(0, space) : cut).trimEnd()}\u2026`;
}

/**
 * The sentence of `snippet` that answers `question` best: the first of those sharing the most
 * words with it, or the start of the snippet when none shares any. `score` is how many of the
 * question's words that sentence has.
 */
export function answerFrom(snippet: string, question: string): { text: string; score: number } {
  const asked = stemsOf(question);
  const sentences = sentencesOf(snippet);
  const scores = sentences.map((sentence) => {
    let shared = 0;
    for (const stem of stemsOf(sentence)) if (asked.has(stem)) shared++;
    return shared;
  });
  const best = Math.max(0, ...scores);
  if (best === 0) return { text: clipped(snippet), score: 0 };
  const index = scores.indexOf(best);
  const lead = index > 0 ? "\u2026 " : "";
  const tail = index < sentences.length - 1 ? " \u2026" : "";
  return { text: `${lead}${clipped(sentences[index] ?? "")}${tail}`, score: best };
}

/** Questions: search the user's documents when that tool exists, else say what I can't do. */
export function planQuestion(text: string, ctx: PlanContext): Plan {
  if (!hasTools(ctx, "search_knowledge")) {
    return reply(
      "I can't answer that \u2014 I'm the offline assistant, and I only manage your tasks. Say \u201chelp\u201d to see what I can do.",
    );
  }
  const done = turnCalls(ctx, "search_knowledge").at(-1);
  if (!done) return callTool("search_knowledge", { query: text.slice(0, 500), limit: 5 });
  if (done.error) return reply(failureText(done, "search your documents"));
  const passages = passagesOf(done.output).slice(0, MAX_PASSAGES);
  if (passages.length === 0) {
    return reply("I couldn't find anything relevant to that in your documents.");
  }
  // The sentence that answers, not the whole passage; passages sharing no more than half as
  // many of the question's words as the best one are left out.
  const answers = passages.map((passage) => ({ passage, ...answerFrom(passage.snippet, text) }));
  const strongest = Math.max(...answers.map((answer) => answer.score));
  const quotes = answers
    .filter((answer) => answer.score * 2 > strongest || strongest === 0)
    .map(
      ({ passage, text: quote }) =>
        `> ${escapeMarkdown(quote)} [${passage.n}]\n>\n> \u2014 *${escapeMarkdown(passage.title)}*`,
    );
  return reply(`Here's what your documents say:\n\n${quotes.join("\n\n")}`);
}

/** Anything else: say plainly what I did not understand, and what I can do. */
export function planUnknown(text: string): Plan {
  const shown = text.length > 80 ? `${text.slice(0, 77)}\u2026` : text;
  return reply(
    `I'm not sure what you mean by \u201c${escapeMarkdown(shown)}\u201d. I can add, list, complete, reschedule, rename, tag, prioritise and delete tasks \u2014 say \u201chelp\u201d for examples.`,
  );
}
