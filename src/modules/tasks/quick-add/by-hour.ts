import { WEEKDAY_PATTERN } from "./words.js";

/** An hour: "9", "9:30", "17:30"; never a bare 13–31, which may be a day ("pay by 15"). */
const HOUR = "(?:(?:1[0-2]|0?[1-9])(?::[0-5]\\d)?|(?:1[3-9]|2[0-3]):[0-5]\\d)";

/** Words after "by 9" that make it a time of day: "by 9 tomorrow", "by 7 tonight", "by 5 friday". */
const TIME_WORD = `(?:tonight|today|tomorrow|tmrw|o'?clock|this\\s+(?:morning|afternoon|evening)|(?:on\\s+|next\\s+|this\\s+)?(?:${WEEKDAY_PATTERN}))`;

/**
 * "by 9 tomorrow": not after a verb whose "by" means a visit ("stop by 7 tonight"), nor before a
 * part of the day, which chrono reads with the day ("by 2 tomorrow afternoon").
 */
const BY_HOUR_THEN_TIME_WORD = new RegExp(
  `(?<![\\p{L}\\p{N}])(?<!(?:stop|drop|come|swing|pass|go|get|stand|pop|\\d)\\s+)by(?=\\s+${HOUR}\\s+${TIME_WORD}(?![\\p{L}])(?!\\s+(?:morning|afternoon|evening|night)\\b))`,
  "giu",
);

/**
 * "finish report by 5", "submit by 9": a verb that sets a deadline (not "pay": "pay rent by 1"
 * more likely means the 1st), then "by" and an hour that
 * ends the text (a few words between: the thing to finish).
 */
const DEADLINE_BY_HOUR = new RegExp(
  `^(\\s*(?:finish|submit|send|file|return|deliver|complete|reply|respond|hand in|turn in|be (?:home|back|there|ready|done))(?:\\s+[\\p{L}'-]+){0,4}?\\s+)by(?=\\s+${HOUR}[\\s.,;!?]*$)`,
  "iu",
);

/** Verbs of amounts and margins: "split the bill by 3 tomorrow", "win by 2 today" are no hours. */
const AMOUNT_VERB =
  /(?<![\p{L}])(?:split|divide|divided|multiply|multiplied|increase|decrease|reduce|raise|lower|cut|round|scale|grow|shrink|boost|share|sort|group|win|won|lose|lost|beat|lead)(?![\p{L}])/iu;

/**
 * `scan` with a deadline "by 9" written as "at 9" (same length, so positions hold), which chrono
 * reads as an hour; the text as it was when "by" is not followed by a time word or after a verb
 * that sets a deadline, or is about amounts ("split the bill by 3", "drop by 5 stores").
 */
export function readByHourAsAt(scan: string): string {
  if (AMOUNT_VERB.test(scan)) return scan;
  return scan.replace(BY_HOUR_THEN_TIME_WORD, "at").replace(DEADLINE_BY_HOUR, "$1at");
}
