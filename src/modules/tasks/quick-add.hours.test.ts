import { describe, expect, it } from "vitest";
import { seenTask, type SeenTask } from "../../../test/helpers/quick-add.js";

// Friday 7 March 2025, 15:00 UTC (10:00 in New York, which springs forward on Sunday 9 March).
const NOW = new Date("2025-03-07T15:00:00Z");
const NEW_YORK = "America/New_York";

function task(fields: Partial<SeenTask>): SeenTask {
  return { title: "", due: null, recurrence: null, priority: "none", tags: [], ...fields };
}

describe("quick add: an hour without am/pm is read by the words around it", () => {
  it.each<[text: string, title: string, due: string]>([
    // Evening plans: 7–11 are evening hours.
    ["dinner friday at 8", "dinner", "2025-03-07 20:00"],
    ["drinks with the team thursday at 9", "drinks with the team", "2025-03-13 21:00"],
    ["concert tomorrow at 8", "concert", "2025-03-08 20:00"],
    ["pub quiz tuesday at 8", "pub quiz", "2025-03-11 20:00"],
    ["party on the 22nd at 9", "party", "2025-03-22 21:00"],
    ["dinner at 8:30", "dinner", "2025-03-07 20:30"],
    ["put kids to bed at 8", "put kids to bed", "2025-03-07 20:00"],
    ["evening walk at 7", "evening walk", "2025-03-07 19:00"],
  ])("%s", (text, title, due) => {
    expect(seenTask(text, NOW)).toEqual(task({ title, due }));
  });

  it("makes an early hour a morning one after a morning word, and leaves the rest as it was", () => {
    const due = (text: string) => seenTask(text, NOW).due;
    expect(due("morning run at 6")).toBe("2025-03-08 06:00");
    expect(due("breakfast with dad tomorrow at 8")).toBe("2025-03-08 08:00");
    // Nothing said: 1–6 afternoon, 7–11 morning.
    expect(due("call mom at 8")).toBe("2025-03-08 08:00");
    expect(due("pick up kids at 4")).toBe("2025-03-07 16:00");
    // Words that disagree leave that reading; a leading zero is a 24-hour clock; am/pm wins.
    expect(due("standup after the party at 9")).toBe("2025-03-08 09:00");
    expect(due("dinner at 08:30")).toBe("2025-03-08 08:30");
    expect(due("dinner at 8am")).toBe("2025-03-08 08:00");
  });

  it("reads a recurring evening plan the same way: dinner every friday at 8", () => {
    expect(seenTask("family dinner every friday at 8", NOW)).toEqual(
      task({
        title: "family dinner",
        due: "2025-03-07 20:00",
        recurrence: "FREQ=WEEKLY;BYDAY=FR;BYHOUR=20;BYMINUTE=0",
      }),
    );
    expect(seenTask("dinner at 7 every friday", NOW).due).toBe("2025-03-07 19:00");
  });

  it("reads it on the user's wall clock (New York)", () => {
    expect(seenTask("dinner at 7", NOW, NEW_YORK).due).toBe("2025-03-07 19:00");
  });

  it("keeps 'night' in the name of an event and still reads the day after it", () => {
    expect(seenTask("movie night saturday at 8", NOW)).toEqual(
      task({ title: "movie night", due: "2025-03-08 20:00" }),
    );
    expect(seenTask("poker night thursday at 8", NOW)).toEqual(
      task({ title: "poker night", due: "2025-03-13 20:00" }),
    );
    expect(seenTask("game night at 8", NOW)).toEqual(
      task({ title: "game night", due: "2025-03-07 20:00" }),
    );
    // A night after a day word is still that day's night.
    expect(seenTask("call mom tomorrow night at 9", NOW)).toEqual(
      task({ title: "call mom", due: "2025-03-08 21:00" }),
    );
  });
});

describe("quick add: several times of day", () => {
  it.each<[text: string, expected: SeenTask]>([
    [
      "meds every day at 8am and 8pm",
      task({
        title: "meds",
        due: "2025-03-07 20:00",
        recurrence: "FREQ=DAILY;BYHOUR=8,20;BYMINUTE=0",
      }),
    ],
    [
      "check blood sugar at 7am and 7pm daily",
      task({
        title: "check blood sugar",
        due: "2025-03-07 19:00",
        recurrence: "FREQ=DAILY;BYHOUR=7,19;BYMINUTE=0",
      }),
    ],
    [
      "water plants every morning and evening",
      task({
        title: "water plants",
        due: "2025-03-07 19:00",
        recurrence: "FREQ=DAILY;BYHOUR=9,19;BYMINUTE=0",
      }),
    ],
    [
      "feed fish every morning at 8 and evening at 6",
      task({
        title: "feed fish",
        due: "2025-03-07 18:00",
        recurrence: "FREQ=DAILY;BYHOUR=8,18;BYMINUTE=0",
      }),
    ],
    [
      "insulin every day at 7am, 1pm and 7pm",
      task({
        title: "insulin",
        due: "2025-03-07 19:00",
        recurrence: "FREQ=DAILY;BYHOUR=7,13,19;BYMINUTE=0",
      }),
    ],
  ])("one rule says them all: %s", (text, expected) => {
    expect(seenTask(text, NOW)).toEqual(expected);
  });

  it("is due at the first time still to come (New York, 10:00)", () => {
    expect(seenTask("meds every day at 8am and 8pm", NOW, NEW_YORK).due).toBe("2025-03-07 20:00");
    const early = new Date("2025-03-07T12:00:00Z"); // 07:00 in New York
    expect(seenTask("meds every day at 8am and 8pm", early, NEW_YORK).due).toBe("2025-03-07 08:00");
  });

  it("keeps times one rule cannot say in the title, and the rule all-day", () => {
    // BYHOUR=8,20;BYMINUTE=0,30 would be four times a day.
    expect(seenTask("meds every day at 8am and 8:30pm", NOW)).toEqual(
      task({ title: "meds at 8am and 8:30pm", due: "2025-03-07", recurrence: "FREQ=DAILY" }),
    );
    // A number after "and" that is no time stays in the title.
    expect(seenTask("meeting every monday at 10 and 2 more", NOW)).toEqual(
      task({
        title: "meeting and 2 more",
        due: "2025-03-10 10:00",
        recurrence: "FREQ=WEEKLY;BYDAY=MO;BYHOUR=10;BYMINUTE=0",
      }),
    );
  });

  it("without a rule, is due at the first time still to come and keeps them all in the title", () => {
    expect(seenTask("take meds at 8am and 8pm", NOW)).toEqual(
      task({ title: "take meds at 8am and 8pm", due: "2025-03-07 20:00" }),
    );
    expect(seenTask("tomorrow take meds at 8am and 8pm", NOW)).toEqual(
      task({ title: "take meds at 8am and 8pm", due: "2025-03-08 08:00" }),
    );
  });
});

describe("quick add: rules by the hour", () => {
  // 15:20, so the next full hour is 16:00.
  const LATER = new Date("2025-03-07T15:20:00Z");

  it.each<[text: string, expected: SeenTask]>([
    [
      "take medication every 8 hours",
      task({
        title: "take medication",
        due: "2025-03-07 16:00",
        recurrence: "FREQ=HOURLY;INTERVAL=8",
      }),
    ],
    [
      "drink water every hour",
      task({ title: "drink water", due: "2025-03-07 16:00", recurrence: "FREQ=HOURLY" }),
    ],
    [
      "stretch hourly",
      task({ title: "stretch", due: "2025-03-07 16:00", recurrence: "FREQ=HOURLY" }),
    ],
    [
      "check email every 2 hrs",
      task({ title: "check email", due: "2025-03-07 16:00", recurrence: "FREQ=HOURLY;INTERVAL=2" }),
    ],
    [
      "feed the baby every other hour",
      task({
        title: "feed the baby",
        due: "2025-03-07 16:00",
        recurrence: "FREQ=HOURLY;INTERVAL=2",
      }),
    ],
    // A time written is where the series starts: 9:00, 17:00, 01:00…
    [
      "meds every 8 hours from 9am",
      task({ title: "meds", due: "2025-03-07 17:00", recurrence: "FREQ=HOURLY;INTERVAL=8" }),
    ],
  ])("%s", (text, expected) => {
    expect(seenTask(text, LATER)).toEqual(expected);
  });

  it("reads the next full hour on the user's wall clock (Kolkata, +05:30)", () => {
    expect(seenTask("drink water every hour", LATER, "Asia/Kolkata").due).toBe("2025-03-07 21:00");
  });

  it("does not read 'every 15 minutes' as 'in 15 minutes': no rule repeats by the minute", () => {
    expect(seenTask("check the oven every 15 min", LATER)).toEqual(
      task({ title: "check the oven every 15 min" }),
    );
  });
});

describe("quick add: times of the working day in words", () => {
  it.each<[text: string, expected: SeenTask]>([
    [
      "submit expense report by eod",
      task({ title: "submit expense report", due: "2025-03-07 17:00" }),
    ],
    ["finish slides by eod friday", task({ title: "finish slides", due: "2025-03-07 17:00" })],
    ["send report by end of day tomorrow", task({ title: "send report", due: "2025-03-08 17:00" })],
    ["email boss first thing tomorrow", task({ title: "email boss", due: "2025-03-08 09:00" })],
    [
      "call the bank tomorrow first thing",
      task({ title: "call the bank", due: "2025-03-08 09:00" }),
    ],
  ])("%s", (text, expected) => {
    expect(seenTask(text, NOW)).toEqual(expected);
  });

  it("reads 'first thing' only beside a day or with 'in the morning'", () => {
    expect(seenTask("email boss first thing in the morning", NOW)).toEqual(
      task({ title: "email boss", due: "2025-03-08 09:00" }),
    );
    for (const text of ["the first thing to fix", "buy corn on the cob"]) {
      expect(seenTask(text, NOW)).toEqual(task({ title: text }));
    }
  });
});

describe("quick add: the small hours of a nightly rule", () => {
  it("reads 'every night at 3' as 03:00 and 'at 12' as midnight", () => {
    expect(seenTask("backup server every night at 3", NOW)).toEqual(
      task({
        title: "backup server",
        due: "2025-03-08 03:00",
        recurrence: "FREQ=DAILY;BYHOUR=3;BYMINUTE=0",
      }),
    );
    expect(seenTask("lock the door every night at 12", NOW).due).toBe("2025-03-08 00:00");
    // Evening hours and am/pm written stay as they were.
    expect(seenTask("read every night at 11", NOW).due).toBe("2025-03-07 23:00");
    expect(seenTask("read every night at 3pm", NOW).due).toBe("2025-03-07 15:00");
  });
});
