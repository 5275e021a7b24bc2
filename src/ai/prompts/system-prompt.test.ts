import { describe, expect, it } from "vitest";
import { buildSystemPrompt, describeLocalTime } from "./system-prompt.js";

describe("describeLocalTime", () => {
  it("describes the user's local minute, and moves on with the clock and the zone", () => {
    const at = (iso: string) => new Date(iso);
    expect(describeLocalTime(at("2025-03-07T13:05:10Z"), "Europe/Paris")).toBe(
      "Friday, 7 March 2025, 14:05 (GMT+01:00)",
    );
    // Same minute: same text; next minute and another zone: their own.
    expect(describeLocalTime(at("2025-03-07T13:05:59Z"), "Europe/Paris")).toBe(
      "Friday, 7 March 2025, 14:05 (GMT+01:00)",
    );
    expect(describeLocalTime(at("2025-03-07T13:06:00Z"), "Europe/Paris")).toBe(
      "Friday, 7 March 2025, 14:06 (GMT+01:00)",
    );
    expect(describeLocalTime(at("2025-03-07T13:06:00Z"), "UTC")).toBe(
      "Friday, 7 March 2025, 13:06 (GMT+00:00)",
    );
    // Across a daylight-saving change (Paris, 30 March 2025 at 01:00 UTC).
    expect(describeLocalTime(at("2025-03-30T00:59:30Z"), "Europe/Paris")).toBe(
      "Sunday, 30 March 2025, 01:59 (GMT+01:00)",
    );
    expect(describeLocalTime(at("2025-03-30T01:00:00Z"), "Europe/Paris")).toBe(
      "Sunday, 30 March 2025, 03:00 (GMT+02:00)",
    );
    expect(
      buildSystemPrompt({ now: at("2025-03-07T13:05:10Z"), timezone: "UTC", knowledge: false }),
    ).toContain("It is now Friday, 7 March 2025, 13:05 (GMT+00:00) there.");
  });
});
