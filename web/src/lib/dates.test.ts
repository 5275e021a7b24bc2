import { describe, expect, it } from "vitest";
import {
  formatDue,
  formatRelative,
  fromDateTimeLocal,
  isOverdue,
  startOfDay,
  toDateTimeLocal,
} from "./dates.js";

const NY = "America/New_York";
// Wednesday 2026-03-04 10:00 in New York (15:00Z).
const now = new Date("2026-03-04T15:00:00Z");

describe("formatDue", () => {
  it("says today / tomorrow / yesterday with the time in the user's timezone", () => {
    expect(formatDue("2026-03-04T22:00:00Z", false, { now, timeZone: NY })).toBe("today 5:00 PM");
    expect(formatDue("2026-03-05T22:00:00Z", false, { now, timeZone: NY })).toBe(
      "tomorrow 5:00 PM",
    );
    expect(formatDue("2026-03-03T14:30:00Z", false, { now, timeZone: NY })).toBe(
      "yesterday 9:30 AM",
    );
  });

  it("uses the weekday within a week and the date beyond", () => {
    expect(formatDue("2026-03-06T15:00:00Z", true, { now, timeZone: NY })).toBe("Friday");
    expect(formatDue("2026-03-20T15:00:00Z", true, { now, timeZone: NY })).toBe("Mar 20");
    expect(formatDue("2027-01-02T15:00:00Z", true, { now, timeZone: NY })).toBe("Jan 2, 2027");
  });

  it("puts a late-evening UTC instant on the user's day, not UTC's", () => {
    // 03:00Z on the 5th is still the 4th, 10 PM, in New York.
    expect(formatDue("2026-03-05T03:00:00Z", false, { now, timeZone: NY })).toBe("today 10:00 PM");
    expect(formatDue("2026-03-05T03:00:00Z", false, { now, timeZone: "UTC" })).toBe(
      "tomorrow 3:00 AM",
    );
  });

  it("returns empty text for garbage instead of 'Invalid Date'", () => {
    expect(formatDue("not a date", false, { now, timeZone: NY })).toBe("");
  });
});

describe("isOverdue", () => {
  const task = (due_at: string | null, due_all_day = false, completed = false) => ({
    due_at,
    due_all_day,
    completed,
  });
  it("is overdue once the due moment passed, never when completed or undated", () => {
    expect(isOverdue(task("2026-03-04T14:00:00Z"), { now, timeZone: NY })).toBe(true);
    expect(isOverdue(task("2026-03-04T16:00:00Z"), { now, timeZone: NY })).toBe(false);
    expect(isOverdue(task("2026-03-04T14:00:00Z", false, true), { now, timeZone: NY })).toBe(false);
    expect(isOverdue(task(null), { now, timeZone: NY })).toBe(false);
  });
  it("keeps an all-day task due today open until the day ends", () => {
    expect(isOverdue(task("2026-03-04T05:00:00Z", true), { now, timeZone: NY })).toBe(false);
    expect(isOverdue(task("2026-03-03T05:00:00Z", true), { now, timeZone: NY })).toBe(true);
  });
});

describe("datetime-local round trip", () => {
  it("shows and reads wall-clock time in the user's timezone", () => {
    expect(toDateTimeLocal("2026-03-05T22:00:00Z", NY)).toBe("2026-03-05T17:00");
    expect(fromDateTimeLocal("2026-03-05T17:00", NY)).toBe("2026-03-05T22:00:00.000Z");
    expect(fromDateTimeLocal("2026-07-05T17:00", NY)).toBe("2026-07-05T21:00:00.000Z");
    expect(fromDateTimeLocal("", NY)).toBeNull();
    expect(toDateTimeLocal(null, NY)).toBe("");
  });
  it("finds midnight across a DST change", () => {
    // DST starts in New York on 2026-03-08.
    expect(startOfDay(new Date("2026-03-08T12:00:00Z"), NY).toISOString()).toBe(
      "2026-03-08T05:00:00.000Z",
    );
    expect(startOfDay(new Date("2026-03-08T12:00:00Z"), NY, 1).toISOString()).toBe(
      "2026-03-09T04:00:00.000Z",
    );
  });
});

describe("formatRelative", () => {
  it("reads naturally", () => {
    expect(formatRelative("2026-03-04T14:59:40Z", { now, timeZone: NY })).toBe("just now");
    expect(formatRelative("2026-03-04T14:40:00Z", { now, timeZone: NY })).toBe("20 min ago");
    expect(formatRelative("2026-03-04T12:00:00Z", { now, timeZone: NY })).toBe("3 h ago");
    expect(formatRelative("2026-03-03T12:00:00Z", { now, timeZone: NY })).toBe("yesterday");
  });
});
