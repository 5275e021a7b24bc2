import { describe, expect, it } from "vitest";
import { makePdf } from "../../../../test/factories/files.js";
import { AppError } from "../../../errors.js";
import { detectFormat, parseDocument } from "./document.parser.js";

const bytes = (text: string) => new TextEncoder().encode(text);

async function statusOf(promise: Promise<unknown>): Promise<[number, string]> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof AppError) return [error.status, error.code];
    throw error;
  }
  return [0, "none"];
}

describe("detectFormat", () => {
  it("uses the MIME type, then the extension for generic types, then PDF magic bytes", () => {
    expect(detectFormat(bytes("x"), "text/markdown; charset=utf-8", undefined)).toBe("markdown");
    expect(detectFormat(bytes("x"), "application/octet-stream", "notes.md")).toBe("markdown");
    expect(detectFormat(bytes("x"), "text/plain", "page.html")).toBe("html");
    expect(detectFormat(makePdf("hi"), "application/octet-stream", "scan")).toBe("pdf");
    expect(detectFormat(bytes("x"), undefined, "README.txt")).toBe("text");
  });

  it("rejects images, archives and binary content labelled as text with 415", () => {
    for (const [type, name] of [
      ["image/png", "photo.png"],
      ["application/zip", "a.zip"],
      ["application/octet-stream", "program.exe"],
    ] as const) {
      expect(() => detectFormat(bytes("x"), type, name)).toThrow(
        expect.objectContaining({ status: 415 }),
      );
    }
    expect(() =>
      detectFormat(new Uint8Array([0x89, 0x50, 0, 0, 1]), "text/plain", "x.txt"),
    ).toThrow(expect.objectContaining({ status: 415, code: "UNSUPPORTED_DOCUMENT_TYPE" }));
  });
});

describe("parseDocument", () => {
  it("reads markdown into headings and plain paragraphs", async () => {
    const parsed = await parseDocument(
      bytes(
        "---\ntitle: x\n---\n# Handbook\n\nWelcome to **the** [team](https://x.test).\n\n## Leave\n\n- Ask your _manager_\n- Fill the `form`\n\n```\ncode stays\n```\n",
      ),
      "markdown",
    );
    expect(parsed.title).toBe("Handbook");
    expect(parsed.blocks).toEqual([
      { kind: "heading", level: 1, text: "Handbook" },
      { kind: "text", text: "Welcome to the team." },
      { kind: "heading", level: 2, text: "Leave" },
      { kind: "text", text: "Ask your manager\nFill the form" },
      { kind: "text", text: "code stays" },
    ]);
  });

  it("reads HTML as readable text without scripts, styles or navigation", async () => {
    const parsed = await parseDocument(
      bytes(
        `<html><head><title>Policies &amp; more</title><style>p{color:red}</style></head><body>
        <nav>Home | About</nav><script>alert("x")</script>
        <h1>Travel</h1><p>Book  trains&nbsp;early.<br>Keep receipts.</p><img alt="A map"><h2>Meals</h2><p>Up to &euro;30.</p></body></html>`,
      ),
      "html",
    );
    expect(parsed.title).toBe("Policies & more");
    const text = parsed.blocks.map((block) => block.text).join(" | ");
    expect(text).toBe("Travel | Book trains early.\nKeep receipts. | A map | Meals | Up to €30.");
    expect(text).not.toMatch(/alert|color|Home/);
  });

  it("extracts the text of a PDF with its page number", async () => {
    const parsed = await parseDocument(makePdf("Quarterly revenue grew by nine percent"), "pdf");
    expect(parsed.blocks[0]).toMatchObject({ kind: "text", page: 1 });
    expect(parsed.blocks[0]?.text).toContain("Quarterly revenue grew");
  });

  it("answers 422 for a corrupt PDF, an empty file and a document without text", async () => {
    expect(await statusOf(parseDocument(bytes("%PDF-1.4\ngarbage"), "pdf"))).toEqual([
      422,
      "DOCUMENT_UNREADABLE",
    ]);
    expect(await statusOf(parseDocument(bytes("not a pdf at all"), "pdf"))).toEqual([
      422,
      "DOCUMENT_UNREADABLE",
    ]);
    expect(await statusOf(parseDocument(new Uint8Array(), "text"))).toEqual([
      422,
      "DOCUMENT_EMPTY",
    ]);
    expect(await statusOf(parseDocument(bytes("  \n\n "), "markdown"))).toEqual([
      422,
      "DOCUMENT_EMPTY",
    ]);
    expect(await statusOf(parseDocument(bytes("<script>only()</script>"), "html"))).toEqual([
      422,
      "DOCUMENT_EMPTY",
    ]);
  });

  it("decodes legacy Windows-1252 text rather than failing", async () => {
    const parsed = await parseDocument(new Uint8Array([0x63, 0x61, 0x66, 0xe9]), "text");
    expect(parsed.blocks[0]?.text).toBe("café");
  });
});
