import { extname } from "node:path";
import { AppError } from "../../../errors.js";
import { isBlank, type ParsedDocument } from "./blocks.js";
import { parseHtml } from "./html.parser.js";
import { parseMarkdown } from "./markdown.parser.js";
import { parsePdf } from "./pdf.parser.js";
import { parsePlainText } from "./text.parser.js";

/** The document formats Docket reads. */
export type DocumentFormat = "text" | "markdown" | "html" | "pdf";

/** The stored MIME type of each format. */
export const FORMAT_MIME: Record<DocumentFormat, string> = {
  text: "text/plain",
  markdown: "text/markdown",
  html: "text/html",
  pdf: "application/pdf",
};

const MIME_FORMATS: Record<string, DocumentFormat> = {
  "text/plain": "text",
  "text/markdown": "markdown",
  "text/x-markdown": "markdown",
  "text/html": "html",
  "application/xhtml+xml": "html",
  "application/pdf": "pdf",
  "application/x-pdf": "pdf",
};

const EXTENSION_FORMATS: Record<string, DocumentFormat> = {
  ".txt": "text",
  ".text": "text",
  ".md": "markdown",
  ".markdown": "markdown",
  ".mdown": "markdown",
  ".mkd": "markdown",
  ".html": "html",
  ".htm": "html",
  ".xhtml": "html",
  ".pdf": "pdf",
};

/** Extensions the CLI looks for when walking folders. */
export const SUPPORTED_EXTENSIONS = Object.keys(EXTENSION_FORMATS);

const GENERIC_MIME = new Set(["", "application/octet-stream", "binary/octet-stream"]);

function startsWithPdfMagic(data: Uint8Array): boolean {
  // "%PDF-" may follow a few bytes of junk; pdf.js accepts it within the first 1 KB.
  const head = Buffer.from(data.subarray(0, 1024)).toString("latin1");
  return head.includes("%PDF-");
}

function unsupported(what: string): AppError {
  return new AppError(
    415,
    "UNSUPPORTED_DOCUMENT_TYPE",
    `${what} is not supported; upload plain text, markdown, HTML or PDF.`,
  );
}

/**
 * Decides the format from the declared MIME type, then the file name, then the bytes.
 * @throws AppError 415 for anything that is not text, markdown, HTML or PDF.
 */
export function detectFormat(
  data: Uint8Array,
  declaredType: string | undefined,
  filename: string | undefined,
): DocumentFormat {
  const mime = (declaredType ?? "").split(";")[0]?.trim().toLowerCase() ?? "";
  const byExtension = filename ? EXTENSION_FORMATS[extname(filename).toLowerCase()] : undefined;
  let format = MIME_FORMATS[mime];
  // Browsers and curl send text/plain or octet-stream for .md files: trust a known extension then.
  if ((format === undefined && GENERIC_MIME.has(mime)) || (format === "text" && byExtension)) {
    format = byExtension ?? (startsWithPdfMagic(data) ? "pdf" : undefined);
  }
  if (!format) {
    throw unsupported(
      mime && !GENERIC_MIME.has(mime) ? `Content type "${mime}"` : "This file type",
    );
  }
  if (format !== "pdf" && data.subarray(0, 8192).includes(0)) {
    // NUL bytes mean binary content labelled as text (an image renamed .txt, say).
    throw unsupported("Binary content");
  }
  return format;
}

function decodeText(data: Uint8Array): string {
  try {
    return new TextDecoder("utf-8", { fatal: true, ignoreBOM: false }).decode(data);
  } catch {
    // Not UTF-8: legacy files are overwhelmingly Windows-1252, a superset of Latin-1.
    return new TextDecoder("windows-1252").decode(data);
  }
}

/**
 * Extracts headings and paragraphs from a file.
 * @throws AppError 422 DOCUMENT_EMPTY when there is no text, 422 DOCUMENT_UNREADABLE for a corrupt PDF.
 */
export async function parseDocument(
  data: Uint8Array,
  format: DocumentFormat,
): Promise<ParsedDocument> {
  if (data.byteLength === 0) throw new AppError(422, "DOCUMENT_EMPTY", "The document is empty.");
  let parsed: ParsedDocument;
  if (format === "pdf") {
    if (!startsWithPdfMagic(data)) {
      throw new AppError(422, "DOCUMENT_UNREADABLE", "The file is not a valid PDF.");
    }
    try {
      parsed = await parsePdf(data);
    } catch (error) {
      throw new AppError(422, "DOCUMENT_UNREADABLE", "The PDF is corrupt or encrypted.", {
        cause: error,
      });
    }
  } else {
    const text = decodeText(data);
    parsed =
      format === "html"
        ? parseHtml(text)
        : format === "markdown"
          ? parseMarkdown(text)
          : parsePlainText(text);
  }
  if (isBlank(parsed.blocks)) {
    throw new AppError(
      422,
      "DOCUMENT_EMPTY",
      format === "pdf"
        ? "The PDF has no extractable text (is it a scan?)."
        : "The document has no readable text.",
    );
  }
  return parsed;
}
