import { describe, expect, it } from "vitest";
import { timeOrderedId } from "./time-ordered-id.js";

const UUID_V7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe("timeOrderedId", () => {
  it("makes version-7 UUIDs that sort in creation order, even within one millisecond", () => {
    const ids = Array.from({ length: 5000 }, () => timeOrderedId(1_800_000_000_000));
    for (const id of ids) expect(id).toMatch(UUID_V7);
    expect(new Set(ids).size).toBe(ids.length);
    expect([...ids].sort()).toEqual(ids);
  });

  it("carries the time in its first 48 bits and keeps increasing when the clock goes back", () => {
    const later = timeOrderedId(1_900_000_000_000);
    expect(parseInt(later.replace(/-/g, "").slice(0, 12), 16)).toBe(1_900_000_000_000);
    const earlierClock = timeOrderedId(1_899_999_999_000);
    expect(earlierClock > later).toBe(true);
  });
});
