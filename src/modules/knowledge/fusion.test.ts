import { expect, it } from "vitest";
import { reciprocalRankFusion } from "./fusion.js";

it("fuses by rank: agreement beats one list's top hit", () => {
  const lexical = [
    { chunkId: "a", score: 9 },
    { chunkId: "b", score: 5 },
    { chunkId: "c", score: 1 },
  ];
  const vector = [
    { chunkId: "b", score: 0.9 },
    { chunkId: "d", score: 0.8 },
  ];
  const fused = reciprocalRankFusion([lexical, vector]);
  expect(fused.map((hit) => hit.chunkId)).toEqual(["b", "a", "d", "c"]);
  expect(fused[0]?.score).toBeCloseTo(1 / 62 + 1 / 61);
});
