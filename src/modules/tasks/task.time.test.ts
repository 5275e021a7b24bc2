import { describe, expect, it } from "vitest";
import {
  fromWallTime,
  localDateOf,
  requireTimezone,
  startOfLocalDate,
  toWallTime,
} from "./task.time.js";
import { isValidTimeZone } from "./quick-add/zone.js";

const wall = (iso: string) => new Date(`${iso}Z`);

describe("zoned time", () => {
  it("reads the local wall clock of an instant", () => {
    expect(toWallTime(new Date("2025-07-01T12:00:00Z"), "Europe/Paris").toISOString()).toBe(
      "2025-07-01T14:00:00.000Z",
    );
    expect(toWallTime(new Date("2025-01-01T03:00:00Z"), "America/New_York").toISOString()).toBe(
      "2024-12-31T22:00:00.000Z",
    );
  });

  it("keeps years 0–99 as written both ways", () => {
    expect(toWallTime(new Date("0050-01-01T12:00:00Z"), "UTC").toISOString()).toBe(
      "0050-01-01T12:00:00.000Z",
    );
    expect(fromWallTime(wall("0050-01-01T12:00:00"), "UTC").toISOString()).toBe(
      "0050-01-01T12:00:00.000Z",
    );
  });

  it("maps wall times back to instants on both sides of DST", () => {
    const ny = "America/New_York";
    expect(fromWallTime(wall("2025-03-08T09:00:00"), ny).toISOString()).toBe(
      "2025-03-08T14:00:00.000Z",
    );
    expect(fromWallTime(wall("2025-03-10T09:00:00"), ny).toISOString()).toBe(
      "2025-03-10T13:00:00.000Z",
    );
  });

  it("moves a time skipped by spring-forward ahead and takes the earlier of a repeated hour", () => {
    const ny = "America/New_York";
    expect(fromWallTime(wall("2025-03-09T02:30:00"), ny).toISOString()).toBe(
      "2025-03-09T07:30:00.000Z",
    );
    expect(fromWallTime(wall("2025-11-02T01:30:00"), ny).toISOString()).toBe(
      "2025-11-02T05:30:00.000Z",
    );
  });

  it("gives local midnight and local dates", () => {
    expect(startOfLocalDate("2025-03-10", "Asia/Tokyo").toISOString()).toBe(
      "2025-03-09T15:00:00.000Z",
    );
    expect(localDateOf(new Date("2025-03-09T16:00:00Z"), "Asia/Tokyo")).toBe("2025-03-10");
  });

  it("rejects unknown timezones and offsets with INVALID_TIMEZONE", () => {
    expect(isValidTimeZone("Europe/Paris")).toBe(true);
    expect(isValidTimeZone("UTC")).toBe(true);
    for (const bad of ["Mars/Olympus", "+02:00", "", "'; DROP TABLE tasks;--"]) {
      expect(isValidTimeZone(bad)).toBe(false);
      expect(() => requireTimezone(bad)).toThrow(
        expect.objectContaining({ code: "INVALID_TIMEZONE" }),
      );
    }
  });
});
