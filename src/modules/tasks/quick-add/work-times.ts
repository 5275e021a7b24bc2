import type { Span } from "./text.js";
import { WEEKDAY_PATTERN } from "./words.js";
import type { LocalTime } from "./zone.js";

/** A time of the working day written in words ("by eod", "first thing tomorrow"). */
export interface WorkTime extends Span {
  time: LocalTime;
}

const START = "(?<![\\p{L}\\p{N}])";
const END = "(?![\\p{L}\\p{N}])";
const DAY = `(?:today|tomorrow|tmrw|tmr|(?:next\\s+|this\\s+|on\\s+)?(?:${WEEKDAY_PATTERN}))`;

// End of the working day, 17:00: "submit by eod", "finish slides by end of day friday" (not
// "cob": corn on the cob).
const END_OF_DAY = new RegExp(
  `${START}(?:eod|e\\.o\\.d\\.?|close\\s+of\\s+business|end\\s+of\\s+(?:the\\s+)?(?:work\\s*|business\\s+)?day)${END}`,
  "giu",
);
// Start of it, 09:00, only beside a day ("first thing tomorrow", "monday first thing") or with
// "in the morning": "the first thing to fix" is no time.
const FIRST_THING = new RegExp(
  `(?<=${START}${DAY}\\s+)first\\s+thing(?:\\s+in\\s+the\\s+morning)?${END}|${START}first\\s+thing(?:\\s+in\\s+the\\s+morning${END}|(?=\\s+${DAY}${END}))`,
  "giu",
);

/** Every "eod" (17:00) and "first thing" (09:00) in `scan`. */
export function findWorkTimes(scan: string): WorkTime[] {
  const found: WorkTime[] = [];
  for (const match of scan.matchAll(END_OF_DAY)) {
    found.push({
      start: match.index,
      end: match.index + match[0].length,
      time: { hour: 17, minute: 0 },
    });
  }
  for (const match of scan.matchAll(FIRST_THING)) {
    found.push({
      start: match.index,
      end: match.index + match[0].length,
      time: { hour: 9, minute: 0 },
    });
  }
  return found;
}
