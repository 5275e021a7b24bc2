import { describe, expect, it } from "vitest";
import { wallClock } from "../../../test/helpers/quick-add.js";
import { parseDateExpression, parseQuickAdd, type QuickAddResult } from "./quick-add.js";

// Friday 7 March 2025, 15:00 UTC. New York springs forward on Sunday 9 March.
const NOW = new Date("2025-03-07T15:00:00Z");

function parse(text: string, timezone = "UTC", now = NOW): QuickAddResult {
  return parseQuickAdd(text, { timezone, now });
}

/** "2025-03-08 17:00" on the wall clock of `timezone`. */
function wall(instant: Date | null, timezone = "UTC"): string | null {
  return instant ? wallClock(instant, timezone) : null;
}

describe("parseQuickAdd: the task-creating cases of the command eval", () => {
  // Command verbs ("add", "remind me to"…) are stripped by the offline assistant, as here.
  it("v01 add buy milk", () => {
    expect(parse("buy milk")).toEqual({
      title: "buy milk",
      description: null,
      priority: "none",
      dueAt: null,
      dueAllDay: false,
      recurrence: null,
      tags: [],
    });
  });

  it("v02 call mom tomorrow at 5pm", () => {
    const result = parse("call mom tomorrow at 5pm");
    expect(result.title).toBe("call mom");
    expect(wall(result.dueAt)).toBe("2025-03-08 17:00");
    expect(result.dueAllDay).toBe(false);
  });

  it("v03 pay rent on the 1st p1 #home", () => {
    const result = parse("pay rent on the 1st p1 #home");
    expect(result).toMatchObject({ title: "pay rent", priority: "high", tags: ["home"] });
    expect(wall(result.dueAt)).toBe("2025-04-01 00:00");
    expect(result.dueAllDay).toBe(true);
  });

  it("v04 submit report by friday (today is Friday: today counts)", () => {
    const result = parse("submit report by friday");
    expect(result.title).toBe("submit report");
    expect(wall(result.dueAt)).toBe("2025-03-07 00:00");
    expect(result.dueAllDay).toBe(true);
  });

  it("v05 water the plants every monday", () => {
    const result = parse("water the plants every monday");
    expect(result.title).toBe("water the plants");
    expect(result.recurrence).toBe("FREQ=WEEKLY;BYDAY=MO");
    expect(wall(result.dueAt)).toBe("2025-03-10 00:00");
  });

  it("v06 renew passport next month p2", () => {
    const result = parse("renew passport next month p2");
    expect(result).toMatchObject({ title: "renew passport", priority: "medium", dueAllDay: true });
    expect(wall(result.dueAt)).toBe("2025-04-01 00:00");
  });

  it('v07 "Friday meeting notes" stays literal', () => {
    const result = parse('"Friday meeting notes"');
    expect(result.title).toBe("Friday meeting notes");
    expect(result.dueAt).toBeNull();
  });

  it("v27 meeting with Sam on dec 24 at 10:30 #work", () => {
    const result = parse("meeting with Sam on dec 24 at 10:30 #work");
    expect(result).toMatchObject({ title: "meeting with Sam", tags: ["work"], dueAllDay: false });
    expect(wall(result.dueAt)).toBe("2025-12-24 10:30");
  });

  it("v28 stand-up tomorrow 9am in Asia/Kolkata", () => {
    const result = parse("stand-up tomorrow 9am", "Asia/Kolkata");
    expect(result.title).toBe("stand-up");
    expect(wall(result.dueAt, "Asia/Kolkata")).toBe("2025-03-08 09:00");
    expect(result.dueAt?.toISOString()).toBe("2025-03-08T03:30:00.000Z");
  });

  it("v29 dentist in 3 days", () => {
    const result = parse("dentist in 3 days");
    expect(result.title).toBe("dentist");
    expect(wall(result.dueAt)).toBe("2025-03-10 00:00");
    expect(result.dueAllDay).toBe(true);
  });

  it("v30 call the landlord // ask about the heating", () => {
    const result = parse("call the landlord // ask about the heating");
    expect(result.title).toBe("call the landlord");
    expect(result.description).toBe("ask about the heating");
  });
});

describe("parseQuickAdd: dates and times", () => {
  const cases: [text: string, title: string, due: string, allDay: boolean][] = [
    ["call mom tomorrow 5pm", "call mom", "2025-03-08 17:00", false],
    ["submit report fri", "submit report", "2025-03-07 00:00", true],
    ["submit report friday", "submit report", "2025-03-07 00:00", true],
    ["submit report next friday", "submit report", "2025-03-14 00:00", true],
    ["water plants on monday", "water plants", "2025-03-10 00:00", true],
    ["plan trip next week", "plan trip", "2025-03-10 00:00", true],
    ["call landlord tonight", "call landlord", "2025-03-07 20:00", false],
    ["call this evening", "call", "2025-03-07 19:00", false],
    ["lunch with Ana at noon", "lunch with Ana", "2025-03-08 12:00", false],
    ["take the cake out in 2 hours", "take the cake out", "2025-03-07 17:00", false],
    ["send invoices end of month", "send invoices", "2025-03-31 00:00", true],
    ["buy bread today", "buy bread", "2025-03-07 00:00", true],
    ["tomorrow call mom at 5pm", "call mom", "2025-03-08 17:00", false],
    ["pay rent on the 1st at 9am", "pay rent", "2025-04-01 09:00", false],
    ["submit report due by friday", "submit report", "2025-03-07 00:00", true],
    ["call mom friday 5pm", "call mom", "2025-03-07 17:00", false],
    ["call mom at 4pm", "call mom", "2025-03-07 16:00", false],
    ["call mom at 2pm", "call mom", "2025-03-08 14:00", false],
    ["walk the dog in the evening", "walk the dog", "2025-03-07 19:00", false],
    ["buy eggs tomorow", "buy eggs", "2025-03-08 00:00", true],
    ["call mom tommorow at 5pm", "call mom", "2025-03-08 17:00", false],
    ["call mom 2moro 9am", "call mom", "2025-03-08 09:00", false],
    ["do laundry tonite", "do laundry", "2025-03-07 20:00", false],
    ["wash dishes 2nite at 9", "wash dishes", "2025-03-07 21:00", false],
    ["dentist nxt friday #health", "dentist", "2025-03-14 00:00", true],
    ["call mom 2 weeks from today", "call mom", "2025-03-21 00:00", true],
    // "by 9" is an hour when a time word follows, or after a verb that sets a deadline.
    ["submit by 9 tomorrow", "submit", "2025-03-08 09:00", false],
    ["call mom by 7 tonight", "call mom", "2025-03-07 19:00", false],
    ["reply by 4 today", "reply", "2025-03-07 16:00", false],
    ["finish report by 5", "finish report", "2025-03-07 17:00", false],
    ["submit report by 9", "submit report", "2025-03-08 09:00", false],
  ];
  it.each(cases)("%s", (text, title, due, allDay) => {
    const result = parse(text);
    expect(result.title).toBe(title);
    expect(wall(result.dueAt)).toBe(due);
    expect(result.dueAllDay).toBe(allDay);
    expect(result.recurrence).toBeNull();
  });
});

describe("parseQuickAdd: recurrence", () => {
  const cases: [text: string, rrule: string, due: string, allDay: boolean][] = [
    ["every monday", "FREQ=WEEKLY;BYDAY=MO", "2025-03-10 00:00", true],
    [
      "every weekday at 7am",
      "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR;BYHOUR=7;BYMINUTE=0",
      "2025-03-10 07:00",
      false,
    ],
    ["every 3 days", "FREQ=DAILY;INTERVAL=3", "2025-03-07 00:00", true],
    ["every month on the 15th", "FREQ=MONTHLY;BYMONTHDAY=15", "2025-03-15 00:00", true],
    ["every 15th", "FREQ=MONTHLY;BYMONTHDAY=15", "2025-03-15 00:00", true],
    ["every 1st", "FREQ=MONTHLY;BYMONTHDAY=1", "2025-04-01 00:00", true],
    [
      "every tuesday evening",
      "FREQ=WEEKLY;BYDAY=TU;BYHOUR=19;BYMINUTE=0",
      "2025-03-11 19:00",
      false,
    ],
    ["daily", "FREQ=DAILY", "2025-03-07 00:00", true],
    ["every day", "FREQ=DAILY", "2025-03-07 00:00", true],
    ["weekly", "FREQ=WEEKLY", "2025-03-07 00:00", true],
    ["monthly", "FREQ=MONTHLY", "2025-03-07 00:00", true],
    ["yearly", "FREQ=YEARLY", "2025-03-07 00:00", true],
    ["every other week", "FREQ=WEEKLY;INTERVAL=2", "2025-03-07 00:00", true],
    ["every mon and thu", "FREQ=WEEKLY;BYDAY=MO,TH", "2025-03-10 00:00", true],
    ["every year on jan 5", "FREQ=YEARLY;BYMONTH=1;BYMONTHDAY=5", "2026-01-05 00:00", true],
    ["on the 15th of every month", "FREQ=MONTHLY;BYMONTHDAY=15", "2025-03-15 00:00", true],
    ["the 1st of each month", "FREQ=MONTHLY;BYMONTHDAY=1", "2025-04-01 00:00", true],
    ["on the last day of every month", "FREQ=MONTHLY;BYMONTHDAY=-1", "2025-03-31 00:00", true],
  ];
  it.each(cases)("%s", (text, rrule, due, allDay) => {
    const result = parse(`do the thing ${text}`);
    expect(result.title).toBe("do the thing");
    expect(result.recurrence).toBe(rrule);
    expect(wall(result.dueAt)).toBe(due);
    expect(result.dueAllDay).toBe(allDay);
  });

  it("an adverb before an 'every' phrase stays in the title: weekly review every friday at 4pm", () => {
    expect(parse("weekly review every friday at 4pm")).toMatchObject({
      title: "weekly review",
      recurrence: "FREQ=WEEKLY;BYDAY=FR;BYHOUR=16;BYMINUTE=0",
    });
    expect(parse("daily standup")).toMatchObject({ title: "standup", recurrence: "FREQ=DAILY" });
  });

  it("pay rent every 1st p1 #home", () => {
    expect(parse("pay rent every 1st p1 #home")).toMatchObject({
      title: "pay rent",
      priority: "high",
      tags: ["home"],
      recurrence: "FREQ=MONTHLY;BYMONTHDAY=1",
    });
  });
});

describe("parseQuickAdd: literal text and false positives", () => {
  it.each([
    "read 1984",
    "buy 2 apples",
    "watch may the force",
    "sat exam prep",
    "March of Dimes donation",
    "call May",
    "Sunday roast recipe",
    "evening walk",
    "enjoy the sun",
    "fix bug #123",
    "buy cake for friday's party",
  ])("%s keeps its words and gets no date", (text) => {
    const result = parse(text);
    expect(result.title).toBe(text);
    expect(result.dueAt).toBeNull();
    expect(result.tags).toEqual([]);
  });

  it("keeps quoted words literal even around real dates and tags", () => {
    const result = parse("“Sunday roast #recipe” tomorrow #cooking");
    expect(result.title).toBe("Sunday roast #recipe");
    expect(result.tags).toEqual(["cooking"]);
    expect(wall(result.dueAt)).toBe("2025-03-08 00:00");
  });

  it("does not read # inside a word or a URL as a tag", () => {
    const result = parse("read https://example.com/#intro and C#notes #reading");
    expect(result.title).toBe("read https://example.com/#intro and C#notes");
    expect(result.tags).toEqual(["reading"]);
  });

  it("reads p1–p4 only as standalone tokens", () => {
    expect(parse("convert mp3p1 file")).toMatchObject({
      title: "convert mp3p1 file",
      priority: "none",
    });
    expect(parse("P3 tidy desk").priority).toBe("low");
    expect(parse("tidy desk p4").priority).toBe("none");
  });

  it("keeps 'by' and a number about amounts or visits: split the bill by 3", () => {
    for (const text of [
      "split the bill by 3",
      "increase dose by 2",
      "divide the pizza by 4",
      "drop by 5 stores",
      "stop by 7 eleven",
      "pay back 20 by 3",
    ]) {
      expect(parse(text)).toMatchObject({ title: text, dueAt: null });
    }
    expect(parse("split the bill by 3 tomorrow").title).toBe("split the bill by 3");
    // 13–31 may be a day of the month; a margin is no hour either.
    expect(parse("pay by 15")).toMatchObject({ title: "pay by 15", dueAt: null });
    expect(parse("win by 3 tomorrow").title).toBe("win by 3");
    // "pay rent by 1" is more likely the 1st; a part of the day goes with its day (review).
    expect(parse("pay rent by 1")).toMatchObject({ title: "pay rent by 1", dueAt: null });
    expect(parse("send report by 2 tomorrow afternoon").title).toBe("send report by 2");
  });

  it("keeps a verb's particle: stop by friday", () => {
    expect(parse("stop by friday").title).toBe("stop by");
    expect(parse("stop by 9").title).toBe("stop by 9");
    expect(parse("read chapters 1 by 3").dueAt).toBeNull();
    expect(parse("read nxt chapter").title).toBe("read nxt chapter");
    expect(parse("check tonite.com")).toMatchObject({ title: "check tonite.com", dueAt: null });
    expect(parse("email sam@2nite.io")).toMatchObject({ title: "email sam@2nite.io", dueAt: null });
    expect(wall(parse("do laundry tonite.").dueAt)).toBe("2025-03-07 20:00");
    // "a day" without "in" is a length of time, not tomorrow.
    for (const text of [
      "call it a day",
      "stretch twice a day",
      "take a day off",
      "once a week clean",
    ]) {
      expect(parse(text)).toMatchObject({ title: text, dueAt: null });
    }
    expect(wall(parse("dentist in a day").dueAt)).toBe("2025-03-08 00:00");
    expect(parse('"nxt friday" party nxt friday').title).toBe("nxt friday party");
  });

  it("gives an empty title for empty text", () => {
    expect(parse("")).toMatchObject({ title: "", dueAt: null, tags: [] });
    expect(parse("   ").title).toBe("");
  });
});

describe("parseQuickAdd: timezones and DST", () => {
  it("crosses the New York spring-forward with all-day dates at local midnight", () => {
    const result = parse("dentist in 3 days", "America/New_York");
    expect(result.dueAt?.toISOString()).toBe("2025-03-10T04:00:00.000Z");
  });

  it("keeps 5pm at 5pm after the New York DST change", () => {
    const result = parse("call mom on monday at 5pm", "America/New_York");
    expect(result.dueAt?.toISOString()).toBe("2025-03-10T21:00:00.000Z");
  });

  it("reads Pacific/Auckland (UTC+13 in March) on its own calendar day", () => {
    // 15:00 UTC Friday is already 04:00 Saturday in Auckland.
    const result = parse("call mom tomorrow 5pm", "Pacific/Auckland");
    expect(wall(result.dueAt, "Pacific/Auckland")).toBe("2025-03-09 17:00");
    expect(result.dueAt?.toISOString()).toBe("2025-03-09T04:00:00.000Z");
  });

  it("treats an unknown timezone as UTC", () => {
    expect(parse("buy bread today", "Mars/Olympus").dueAt?.toISOString()).toBe(
      "2025-03-07T00:00:00.000Z",
    );
  });
});

describe("parseDateExpression", () => {
  it("finds the date in move and postpone commands", () => {
    expect(parseDateExpression("move call mom to friday", { timezone: "UTC", now: NOW })).toEqual({
      dueAt: new Date("2025-03-07T00:00:00Z"),
      dueAllDay: true,
      recurrence: null,
      matchedText: "friday",
    });
    expect(
      parseDateExpression("postpone pay rent to next week", { timezone: "UTC", now: NOW }),
    ).toMatchObject({ matchedText: "next week", dueAt: new Date("2025-03-10T00:00:00Z") });
  });

  it("returns null when there is no date", () => {
    expect(parseDateExpression("rename buy milk to buy oat milk", { timezone: "UTC" })).toBeNull();
  });
});
