import { describe, expect, it } from "vitest";
import { chunkBlocks } from "./chunker.js";
import type { Block } from "./parsing/blocks.js";

const sentence = (n: number) => `Sentence number ${n} talks about topic ${n}.`;

describe("chunkBlocks", () => {
  it("keeps the heading path of every chunk and never crosses a heading", () => {
    const blocks: Block[] = [
      { kind: "heading", level: 1, text: "Guide" },
      { kind: "text", text: "Intro." },
      { kind: "heading", level: 2, text: "Install" },
      { kind: "text", text: "Run npm." },
      { kind: "heading", level: 3, text: "Linux" },
      { kind: "text", text: "Use apt." },
      { kind: "heading", level: 2, text: "Use" },
      { kind: "text", text: "Type commands." },
    ];
    expect(
      chunkBlocks(blocks).map((chunk) => [chunk.position, chunk.headingPath, chunk.text]),
    ).toEqual([
      [0, ["Guide"], "Intro."],
      [1, ["Guide", "Install"], "Run npm."],
      [2, ["Guide", "Install", "Linux"], "Use apt."],
      [3, ["Guide", "Use"], "Type commands."],
    ]);
  });

  it("splits long sections at sentence boundaries with overlap, within the size limit", () => {
    const text = Array.from({ length: 40 }, (_, i) => sentence(i)).join(" ");
    const chunks = chunkBlocks([{ kind: "text", text }], { maxChars: 300, overlapChars: 100 });
    expect(chunks.length).toBeGreaterThan(4);
    for (const chunk of chunks) {
      expect(chunk.text.length).toBeLessThanOrEqual(300);
      expect(chunk.text).toMatch(/^Sentence number \d+ .*\.$/);
    }
    // Each chunk starts with a sentence the previous one already had (the overlap).
    for (let i = 1; i < chunks.length; i++) {
      const first = /^Sentence number \d+ talks about topic \d+\./.exec(chunks[i]!.text)![0];
      expect(chunks[i - 1]!.text).toContain(first);
    }
    // Nothing is lost: every sentence appears somewhere.
    const all = chunks.map((chunk) => chunk.text).join(" ");
    for (let i = 0; i < 40; i++) expect(all).toContain(sentence(i));
    expect(chunks.map((chunk) => chunk.position)).toEqual(chunks.map((_, i) => i));
  });

  it("keeps short paragraphs together and cuts a single giant word", () => {
    const chunks = chunkBlocks(
      [
        { kind: "text", text: "First paragraph." },
        { kind: "text", text: "Second paragraph." },
        { kind: "text", text: "x".repeat(250), page: 2 },
      ],
      { maxChars: 100, overlapChars: 0 },
    );
    expect(chunks[0]?.text).toBe("First paragraph.\n\nSecond paragraph.");
    expect(chunks.slice(1).map((chunk) => chunk.text.length)).toEqual([100, 100, 50]);
    expect(chunks[1]?.page).toBe(2);
  });

  it("turns a document of headings only into one chunk", () => {
    const chunks = chunkBlocks([{ kind: "heading", level: 1, text: "Just a title" }]);
    expect(chunks).toEqual([
      { position: 0, headingPath: [], page: undefined, text: "Just a title" },
    ]);
  });
});
