import { describe, expect, it } from "vitest";
import { advanceRecurrence, firstOccurrence, normalizeRecurrence } from "./task.recurrence.js";
import { occurrenceAfter, RecurrenceTooComplexError } from "./task.recurrence-guard.js";

describe("normalizeRecurrence", () => {
  it("accepts RFC 5545 rules, with or without the RRULE: prefix, in any case", () => {
    expect(normalizeRecurrence("RRULE:FREQ=WEEKLY;BYDAY=MO,WE")).toBe("FREQ=WEEKLY;BYDAY=MO,WE");
    expect(normalizeRecurrence(" freq=monthly;bymonthday=1 ")).toBe("FREQ=MONTHLY;BYMONTHDAY=1");
    expect(normalizeRecurrence("FREQ=MONTHLY;BYDAY=-1FR")).toBe("FREQ=MONTHLY;BYDAY=-1FR");
    expect(normalizeRecurrence("FREQ=DAILY;UNTIL=20250301T000000Z")).toBe(
      "FREQ=DAILY;UNTIL=20250301T000000Z",
    );
  });

  it.each([
    ["", "empty"],
    ["every day", "unknown part"],
    ["INTERVAL=2", "FREQ is required"],
    ["FREQ=FORTNIGHTLY", "not a valid FREQ"],
    ["FREQ=WEEKLY;BYDAY=XX", "not a valid BYDAY"],
    ["FREQ=WEEKLY;INTERVAL=abc", "not a valid INTERVAL"],
    ["FREQ=WEEKLY;INTERVAL=0", "not a valid INTERVAL"],
    ["FREQ=DAILY;BYHOUR=24", "not a valid BYHOUR"],
    ["FREQ=DAILY;FREQ=WEEKLY", "appears twice"],
    ["FREQ=DAILY;COUNT=3;UNTIL=20250101", "cannot both"],
    ["FREQ=DAILY;DTSTART=20250101T000000Z", "unknown part"],
    ["FREQ=DAILY'; DROP TABLE tasks;--", "not a valid FREQ"],
  ])("rejects %j with a clear INVALID_RECURRENCE", (rule, message) => {
    expect(() => normalizeRecurrence(rule)).toThrow(
      expect.objectContaining({
        status: 422,
        code: "INVALID_RECURRENCE",
        message: expect.stringContaining(message),
      }),
    );
  });
});

describe("advanceRecurrence", () => {
  it("keeps 9:00 local across the spring DST change", () => {
    const ny = "America/New_York";
    const due = new Date("2025-03-08T14:00:00Z"); // Sat 9:00 EST
    const next = advanceRecurrence("FREQ=DAILY", due, ny);
    expect(next?.dueAt.toISOString()).toBe("2025-03-09T13:00:00.000Z"); // Sun 9:00 EDT
    const after = advanceRecurrence("FREQ=DAILY", next!.dueAt, ny);
    expect(after?.dueAt.toISOString()).toBe("2025-03-10T13:00:00.000Z");
  });

  it("keeps 9:00 local across the autumn DST change in Europe", () => {
    const paris = "Europe/Paris";
    const due = new Date("2025-10-25T07:00:00Z"); // Sat 9:00 CEST
    expect(advanceRecurrence("FREQ=DAILY", due, paris)?.dueAt.toISOString()).toBe(
      "2025-10-26T08:00:00.000Z", // Sun 9:00 CET
    );
  });

  it("moves to the next matching weekday and month day", () => {
    const due = new Date("2025-01-06T10:00:00Z"); // Monday
    expect(advanceRecurrence("FREQ=WEEKLY;BYDAY=MO,TH", due, "UTC")?.dueAt.toISOString()).toBe(
      "2025-01-09T10:00:00.000Z",
    );
    const rent = new Date("2025-01-01T00:00:00Z");
    expect(advanceRecurrence("FREQ=MONTHLY;BYMONTHDAY=1", rent, "UTC")?.dueAt.toISOString()).toBe(
      "2025-02-01T00:00:00.000Z",
    );
  });

  it("counts COUNT down and ends when it is used up", () => {
    const due = new Date("2025-01-01T09:00:00Z");
    const second = advanceRecurrence("FREQ=DAILY;COUNT=3", due, "UTC");
    expect(second).toEqual({
      dueAt: new Date("2025-01-02T09:00:00Z"),
      recurrence: "FREQ=DAILY;COUNT=2",
    });
    const third = advanceRecurrence(second!.recurrence, second!.dueAt, "UTC");
    expect(third?.recurrence).toBe("FREQ=DAILY;COUNT=1");
    expect(advanceRecurrence(third!.recurrence, third!.dueAt, "UTC")).toBeNull();
  });

  it("ends after UNTIL, read in UTC or as a whole local day", () => {
    const due = new Date("2025-01-02T09:00:00Z");
    expect(advanceRecurrence("FREQ=DAILY;UNTIL=20250102T235959Z", due, "UTC")).toBeNull();
    expect(advanceRecurrence("FREQ=DAILY;UNTIL=20250103", due, "UTC")?.dueAt.toISOString()).toBe(
      "2025-01-03T09:00:00.000Z",
    );
  });

  it("reads an UNTIL in years 0–99 as written, not as 19xx", () => {
    // The rule ended in the year 50: a task due in 1900 has no next occurrence.
    const due = new Date("1900-01-01T09:00:00Z");
    expect(advanceRecurrence("FREQ=DAILY;UNTIL=00500101", due, "UTC")).toBeNull();
    expect(advanceRecurrence("FREQ=DAILY;UNTIL=00500101T000000Z", due, "UTC")).toBeNull();
  });
});

describe("firstOccurrence", () => {
  it("anchors a rule without a due date at now, on the hour when it names one", () => {
    const now = new Date("2025-01-15T12:34:56Z");
    expect(firstOccurrence("FREQ=DAILY;BYHOUR=9", now, "UTC", false)?.toISOString()).toBe(
      "2025-01-16T09:00:00.000Z",
    );
    expect(firstOccurrence("FREQ=DAILY", now, "UTC", false)?.toISOString()).toBe(
      "2025-01-15T12:34:00.000Z",
    );
    expect(
      firstOccurrence("FREQ=MONTHLY;BYMONTHDAY=1", now, "Europe/Paris", true)?.toISOString(),
    ).toBe("2025-01-31T23:00:00.000Z");
    expect(firstOccurrence("FREQ=DAILY;UNTIL=20240101", now, "UTC", false)).toBeNull();
  });
});

describe("occurrenceAfter", () => {
  const query = (rule: string) => ({
    rule,
    dtstart: new Date("2026-03-11T09:00:00Z"),
    until: null,
    after: new Date("2026-03-11T09:00:00Z"),
    inclusive: false,
  });

  it("gives up on a rule that never occurs instead of searching to the year 9999", () => {
    expect(() => occurrenceAfter(query("FREQ=DAILY;BYMONTH=4;BYMONTHDAY=31"))).toThrow(
      RecurrenceTooComplexError,
    );
    // The worker is replaced: the next rule is answered.
    expect(occurrenceAfter(query("FREQ=DAILY;BYMONTH=2;BYMONTHDAY=29"))).toEqual(
      new Date("2028-02-29T09:00:00Z"),
    );
  });

  it("passes rrule's errors on", () => {
    expect(() => occurrenceAfter(query("FREQ=NEVER"))).toThrow(/FREQ|Invalid|Unknown/i);
  });
});
