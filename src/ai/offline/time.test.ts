import { describe, expect, it } from "vitest";
import { calendarDaysBetween, formatDue, shiftInstant, startOfZonedDay } from "./time.js";

describe("offline model calendar helpers", () => {
  it("starts a day at local midnight, with DST changes honoured", () => {
    expect(startOfZonedDay(new Date("2026-03-11T10:00:00Z"), "Asia/Tokyo").toISOString()).toBe(
      "2026-03-10T15:00:00.000Z",
    );
    // New York springs forward on 2026-03-08: the day after starts at -04:00.
    const ny = "America/New_York";
    expect(startOfZonedDay(new Date("2026-03-07T17:00:00Z"), ny, 2).toISOString()).toBe(
      "2026-03-09T04:00:00.000Z",
    );
  });

  it("starts a day whose midnight is skipped at the first instant that exists (01:00)", () => {
    // Santiago springs forward at midnight on 2026-09-06 (00:00 -04 becomes 01:00 -03).
    const start = startOfZonedDay(new Date("2026-09-06T12:00:00Z"), "America/Santiago");
    expect(start.toISOString()).toBe("2026-09-06T04:00:00.000Z");
  });

  it("counts calendar days and says due dates as a person would", () => {
    const now = new Date("2026-03-11T10:00:00Z"); // Wednesday
    const paris = "Europe/Paris";
    expect(calendarDaysBetween(now, new Date("2026-03-12T23:30:00Z"), paris)).toBe(2);
    expect(formatDue(new Date("2026-03-12T16:00:00Z"), false, now, paris)).toBe(
      "tomorrow at 5:00 PM",
    );
    expect(formatDue(new Date("2026-03-13T00:00:00Z"), true, now, "UTC", true)).toBe("Fri");
    expect(formatDue(new Date("2027-01-03T12:00:00Z"), true, now, "UTC")).toBe("Jan 3, 2027");
  });

  it("keeps years 0–99 as written (Date.UTC would read 50 as 1950)", () => {
    const year50 = new Date("0050-03-11T10:00:00Z");
    expect(calendarDaysBetween(year50, new Date("0050-03-13T00:00:00Z"), "UTC")).toBe(2);
    expect(calendarDaysBetween(new Date("1950-03-11T00:00:00Z"), year50, "UTC")).toBe(-693_960);
    expect(startOfZonedDay(year50, "UTC", 1).toISOString()).toBe("0050-03-12T00:00:00.000Z");
    expect(shiftInstant(year50, { amount: 1, unit: "month" }, "UTC").toISOString()).toBe(
      "0050-04-11T10:00:00.000Z",
    );
  });

  it("shifts days at the same wall-clock time across DST, and months to the month's last day", () => {
    const ny = "America/New_York";
    // 9am on Mar 7 (-05:00), two days later is 9am on Mar 9 (-04:00).
    expect(
      shiftInstant(new Date("2026-03-07T14:00:00Z"), { amount: 2, unit: "day" }, ny).toISOString(),
    ).toBe("2026-03-09T13:00:00.000Z");
    expect(
      shiftInstant(new Date("2026-01-31T00:00:00Z"), { amount: 1, unit: "month" }, "UTC"),
    ).toEqual(new Date("2026-02-28T00:00:00Z"));
    expect(
      shiftInstant(new Date("2026-01-31T09:30:00Z"), { amount: -2, unit: "month" }, "UTC"),
    ).toEqual(new Date("2025-11-30T09:30:00Z"));
    expect(
      shiftInstant(new Date("2026-03-12T17:00:00Z"), { amount: -1, unit: "hour" }, "UTC"),
    ).toEqual(new Date("2026-03-12T16:00:00Z"));
  });
});
