import { describe, expect, it } from "vitest";
import { findUnstorableText } from "./text-input.js";

describe("findUnstorableText", () => {
  it("finds NUL characters and unpaired surrogates at any depth, with dotted paths", () => {
    expect(
      findUnstorableText({
        title: "a\u0000b",
        tags: ["ok", "\ud800x"],
        nested: { deep: ["\udc00"] },
        fine: 1,
        none: null,
      }),
    ).toEqual([
      { path: "title", message: expect.stringMatching(/NUL/) },
      { path: "tags.1", message: expect.stringMatching(/surrogate/) },
      { path: "nested.deep.0", message: expect.stringMatching(/surrogate/) },
    ]);
    expect(findUnstorableText("\u0000")).toEqual([{ path: "", message: expect.any(String) }]);
  });

  it("accepts well-formed text: surrogate pairs, other control characters, any script", () => {
    expect(
      findUnstorableText({ a: "😀 e\u0301 \t\n\u0001 日本語 \u200b", b: ["\ud83d\ude00"] }),
    ).toEqual([]);
  });
});
