import { createHash } from "node:crypto";
import { basename, extname } from "node:path";
import { AppError } from "../../errors.js";
import type { Block } from "./parsing/blocks.js";
import { detectFormat, FORMAT_MIME, parseDocument } from "./parsing/document.parser.js";

/** A file or text to ingest. */
export interface IngestInput {
  /** The raw bytes (files) or the text (JSON `content`). */
  data: Uint8Array | string;
  title?: string | undefined;
  /** Declared MIME type; the file name and the bytes decide when it is generic or missing. */
  contentType?: string | undefined;
  filename?: string | undefined;
  sourceUrl?: string | undefined;
  /** What makes two uploads "the same document" (default: source URL, file name, else content). */
  sourceKey?: string | undefined;
}

/** A parsed document, ready to be compared with what is stored and indexed. */
export interface PreparedDocument {
  title: string;
  sourceKey: string;
  sourceUrl: string | null;
  contentType: string;
  bytes: number;
  contentHash: string;
  blocks: Block[];
  /** Characters of text in the blocks (decides inline or background indexing). */
  textSize: number;
}

const TITLE_MAX = 500;

function titleFrom(input: IngestInput, parsedTitle: string | undefined, blocks: Block[]): string {
  const fromName = input.filename ? basename(input.filename, extname(input.filename)) : undefined;
  const firstLine = blocks.find((block) => block.text.trim())?.text.split("\n")[0];
  const title = input.title?.trim() || parsedTitle || fromName || firstLine || "Untitled";
  return title.slice(0, TITLE_MAX);
}

/**
 * Checks the size, detects the format, parses the document and derives its title, content hash
 * and source key. Touches no database.
 * @throws AppError 413 too large, 415 unsupported type, 422 empty or unreadable.
 */
export async function prepareDocument(
  input: IngestInput,
  maxBytes: number,
): Promise<PreparedDocument> {
  const data = typeof input.data === "string" ? new TextEncoder().encode(input.data) : input.data;
  if (data.byteLength > maxBytes) {
    throw new AppError(
      413,
      "DOCUMENT_TOO_LARGE",
      `The document is ${data.byteLength} bytes; the limit is ${maxBytes}.`,
    );
  }
  // Text given directly (JSON `content`) without a type is plain text.
  const declared = input.contentType ?? (typeof input.data === "string" ? "text/plain" : undefined);
  const format = detectFormat(data, declared, input.filename);
  const parsed = await parseDocument(data, format);
  const title = titleFrom(input, parsed.title, parsed.blocks);
  const contentHash = createHash("sha256").update(title).update("\0").update(data).digest("hex");
  const sourceKey =
    input.sourceKey ??
    (input.sourceUrl
      ? `url:${input.sourceUrl}`
      : input.filename
        ? `file:${input.filename}`
        : `sha256:${contentHash}`);
  return {
    title,
    sourceKey,
    sourceUrl: input.sourceUrl ?? null,
    contentType: FORMAT_MIME[format],
    bytes: data.byteLength,
    contentHash,
    blocks: parsed.blocks,
    textSize: parsed.blocks.reduce((sum, block) => sum + block.text.length, 0),
  };
}
