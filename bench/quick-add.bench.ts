/**
 * Times the Quick Add parser over the task-creating commands of the eval set and the phrase list
 * of its tests. Run: `npx tsx bench/quick-add.bench.ts` (a few seconds).
 */
import { parseQuickAdd } from "../src/modules/tasks/quick-add.js";

const COMMANDS = [
  "buy milk",
  "call mom tomorrow at 5pm",
  "pay rent on the 1st p1 #home",
  "submit report by friday",
  "water the plants every monday",
  "renew passport next month p2",
  '"Friday meeting notes"',
  "meeting with Sam on dec 24 at 10:30 #work",
  "stand-up tomorrow 9am",
  "dentist in 3 days",
  "call the landlord // ask about the heating",
  "pay rent every 1st p1 #home",
  "standup every weekday at 7am",
  "gym every tuesday evening",
  "birthday every year on jan 5",
  "lunch with Ana at noon",
  "take the cake out in 2 hours",
  "send invoices end of month",
  "Sunday roast recipe",
  "read 1984",
];
const ZONES = ["UTC", "Asia/Kolkata", "America/New_York", "Pacific/Auckland"];
const now = new Date("2025-03-07T15:00:00Z");

// Warm up the JIT and the per-zone formatters, as a running server would be.
for (let round = 0; round < 200; round += 1) {
  for (const text of COMMANDS) parseQuickAdd(text, { timezone: "UTC", now });
}

const samples: number[] = [];
for (let round = 0; round < 50; round += 1) {
  for (const timezone of ZONES) {
    for (const text of COMMANDS) {
      const started = performance.now();
      parseQuickAdd(text, { timezone, now });
      samples.push(performance.now() - started);
    }
  }
}
samples.sort((a, b) => a - b);
const at = (quantile: number) => samples[Math.floor(quantile * (samples.length - 1))]!.toFixed(3);
console.log(
  `quick-add: ${samples.length} parses, median ${at(0.5)} ms, p95 ${at(0.95)} ms, max ${at(1)} ms`,
);

const huge = `${"write the long report ".repeat(500)}tomorrow 5pm #work`;
const started = performance.now();
parseQuickAdd(huge, { timezone: "UTC", now });
console.log(
  `quick-add: ${huge.length}-char text in ${(performance.now() - started).toFixed(1)} ms`,
);
