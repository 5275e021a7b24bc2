import type { Span } from "./text.js";

/** The part of the day a line's words point to, which decides an hour written without am/pm. */
export type DayPart = "morning" | "evening";

const START = "(?<![\\p{L}\\p{N}])";
const END = "(?![\\p{L}\\p{N}])";

// Things people do in the evening: "dinner friday at 8" is 20:00. Left out on purpose: "game"
// (a kid's soccer game at 9 on a Saturday), "show" (a house showing), "bed" ("make the bed"),
// "club" ("book club", "golf club"), "date" alone ("due date").
const EVENING = new RegExp(
  `${START}(?:dinners?|suppers?|drinks|beers|cocktails|nightcap|part(?:y|ies)|movies?|cinema|theat(?:re|er)|opera|ballet|concerts?|gigs?|karaoke|pub|bars?|nightclub|clubbing|date\\s+night|bedtime|(?:to|before)\\s+bed|tonight|evenings?|nights?|sunset)${END}`,
  "iu",
);
// Morning words make any bare hour a morning one ("morning run at 6" is 06:00). Daytime words
// only keep the evening reading away ("standup after the party at 9" stays 09:00).
const MORNING = new RegExp(`${START}(?:mornings?|breakfast|brekkie|sunrise|dawn)${END}`, "iu");
const DAYTIME = new RegExp(`${START}(?:stand-?ups?|scrum|brunch|lunch)${END}`, "iu");

/**
 * The part of the day the words of `scan` say, to read "at 8" by: "evening" for dinner, drinks,
 * a party, a movie, a concert, tonight…; "morning" for breakfast or "morning"; none when they
 * disagree or say nothing (the usual rule then applies: 1–6 afternoon, 7–11 morning).
 */
export function dayPartOf(scan: string): DayPart | undefined {
  const evening = EVENING.test(scan);
  const morning = MORNING.test(scan);
  if (evening && !morning && !DAYTIME.test(scan)) return "evening";
  if (morning && !evening) return "morning";
  return undefined;
}

// Words that make "night" a time of the day rather than the end of a name: "friday night",
// "tomorrow night", "every night", "at night", "in the night".
const NIGHT_LEADS = new RegExp(
  `^(?:sun|mon|tue|tues|wed|weds|thu|thur|thurs|fri|sat|(?:sun|mon|tues|wednes|thurs|fri|satur)day|today|tonight|tomorrow|tmrw|tmr|this|next|last|every|each|at|in|on|by|the|one|that|same|all|per|good)$`,
  "iu",
);
const NIGHT = /(?<![\p{L}\p{N}])night(?![\p{L}\p{N}])/giu;
const WORD_BEFORE = /(?<![\p{L}\p{N}'])[\p{L}']+\s+$/u;

/**
 * "night" at the end of an event's name ("game night", "movie night saturday at 8", "date
 * night"), which chrono would otherwise read as tonight and lose the day written after it.
 */
export function findNamedNights(scan: string): Span[] {
  const spans: Span[] = [];
  for (const match of scan.matchAll(NIGHT)) {
    const lead = WORD_BEFORE.exec(scan.slice(Math.max(0, match.index - 24), match.index));
    if (!lead || NIGHT_LEADS.test(lead[0].trim())) continue;
    spans.push({ start: match.index, end: match.index + match[0].length });
  }
  return spans;
}
