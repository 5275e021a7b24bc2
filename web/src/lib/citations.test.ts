import { describe, expect, it } from "vitest";
import {
  citationNumber,
  linkCitations,
  normalizeSources,
  safeUrl,
  sourcesOfMessage,
} from "./citations.js";

const sources = normalizeSources([
  { document_id: "d1", title: "Handbook", chunk_id: "c1", snippet: "Refunds within 30 days" },
  { document_id: "d2", title: "Policy", chunk_id: "c2" },
]);

describe("linkCitations", () => {
  it("links [n] markers to their sources", () => {
    expect(linkCitations("Refunds take 30 days [1][2].", sources)).toBe(
      "Refunds take 30 days [\\[1\\]](#cite-1)[\\[2\\]](#cite-2).",
    );
  });
  it("leaves unknown numbers, markdown links, definitions and code alone", () => {
    expect(linkCitations("See [3].", sources)).toBe("See [3].");
    expect(linkCitations("[1](https://x.test)", sources)).toBe("[1](https://x.test)");
    expect(linkCitations("[1]: https://x.test", sources)).toBe("[1]: https://x.test");
    expect(linkCitations("`arr[1]` and\n```\nx[2]\n```", sources)).toBe(
      "`arr[1]` and\n```\nx[2]\n```",
    );
  });
  it("does nothing without sources", () => {
    expect(linkCitations("a [1]", [])).toBe("a [1]");
  });
});

describe("sources", () => {
  it("numbers sources from 1 unless the server numbered them, and drops invalid ones", () => {
    expect(sources.map((s) => s.n)).toEqual([1, 2]);
    expect(
      normalizeSources([{ n: 4, document_id: "d", title: "" }, { title: "no id" }, null]),
    ).toEqual([{ n: 4, document_id: "d", title: "Untitled document" }]);
    expect(normalizeSources("nope")).toEqual([]);
  });
  it("reads a data-sources part, source-document parts, or metadata", () => {
    expect(
      sourcesOfMessage([
        { type: "data-sources", data: { sources: [{ document_id: "d1", title: "A" }] } },
      ]),
    ).toEqual([{ n: 1, document_id: "d1", title: "A" }]);
    expect(sourcesOfMessage([{ type: "source-document", sourceId: "d9", title: "Notes" }])).toEqual(
      [{ n: 1, document_id: "d9", title: "Notes" }],
    );
    expect(sourcesOfMessage([], { sources: [{ document_id: "d3", title: "M" }] })).toHaveLength(1);
  });
  it("parses citation anchors only", () => {
    expect(citationNumber("#cite-2")).toBe(2);
    expect(citationNumber("https://x.test/#cite-2")).toBeUndefined();
    expect(citationNumber(undefined)).toBeUndefined();
  });
});

describe("safeUrl", () => {
  it("allows http, https, mailto and citation anchors", () => {
    expect(safeUrl("https://example.com/a?b=1")).toBe("https://example.com/a?b=1");
    expect(safeUrl("http://example.com")).toBe("http://example.com");
    expect(safeUrl("mailto:me@example.com")).toBe("mailto:me@example.com");
    expect(safeUrl("#cite-1")).toBe("#cite-1");
  });
  it("blocks script and data URLs in any spelling", () => {
    for (const url of [
      "javascript:alert(1)",
      "JaVaScRiPt:alert(1)",
      " javascript:alert(1)",
      "data:text/html,<script>alert(1)</script>",
      "vbscript:msgbox(1)",
      "/relative",
      "//evil.test",
      "https://ok.test/\u0000x",
    ]) {
      expect(safeUrl(url), url).toBe("");
    }
  });
});
