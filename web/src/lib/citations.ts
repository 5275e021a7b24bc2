import type { Source } from "./types.js";

function record(value: unknown): Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : {};
}

/** Validates sources from the wire and numbers them: `n` as sent, else their position from 1. */
export function normalizeSources(list: unknown): Source[] {
  if (!Array.isArray(list)) return [];
  const out: Source[] = [];
  list.forEach((item, index) => {
    const s = record(item);
    const documentId = typeof s.document_id === "string" ? s.document_id : undefined;
    if (!documentId) return;
    const n = typeof s.n === "number" && Number.isInteger(s.n) && s.n > 0 ? s.n : index + 1;
    out.push({
      n,
      document_id: documentId,
      title: typeof s.title === "string" && s.title ? s.title : "Untitled document",
      ...(typeof s.chunk_id === "string" ? { chunk_id: s.chunk_id } : {}),
      ...(typeof s.snippet === "string" ? { snippet: s.snippet } : {}),
    });
  });
  return out;
}

/** A message part, loosely: what the chat stream may carry. */
interface PartLike {
  type: string;
  data?: unknown;
  sourceId?: string;
  title?: string;
}

/**
 * The sources of one assistant message, whichever way the server sent them: a `data-sources`
 * part `{sources}`, `source-document` parts, or `metadata.sources`. The last data part wins
 * (the server may send a growing list).
 */
export function sourcesOfMessage(parts: readonly PartLike[], metadata?: unknown): Source[] {
  let fromData: Source[] | undefined;
  const fromDocuments: unknown[] = [];
  for (const part of parts) {
    if (part.type === "data-sources") fromData = normalizeSources(record(part.data).sources);
    if (part.type === "source-document" && part.sourceId) {
      fromDocuments.push({ document_id: part.sourceId, title: part.title });
    }
  }
  if (fromData && fromData.length > 0) return fromData;
  if (fromDocuments.length > 0) return normalizeSources(fromDocuments);
  return normalizeSources(record(metadata).sources);
}

const CITATION = /\[(\d{1,3})\](?![(:])/g;
const CODE = /(```[\s\S]*?(?:```|$)|`[^`\n]*`)/;

/**
 * Turns `[n]` markers that name a known source into links to `#cite-n`, leaving code, markdown
 * links (`[1](...)`) and reference definitions (`[1]: ...`) alone.
 */
export function linkCitations(markdown: string, sources: readonly Source[]): string {
  if (sources.length === 0) return markdown;
  const known = new Set(sources.map((s) => s.n));
  return markdown
    .split(CODE)
    .map((segment, index) =>
      index % 2 === 1
        ? segment
        : segment.replace(CITATION, (whole, digits: string) =>
            known.has(Number(digits)) ? `[\\[${digits}\\]](#cite-${digits})` : whole,
          ),
    )
    .join("");
}

/** The source number a citation link points at, or undefined for any other link. */
export function citationNumber(href: string | undefined): number | undefined {
  const match = /^#cite-(\d{1,3})$/.exec(href ?? "");
  return match ? Number(match[1]) : undefined;
}

/**
 * The only URLs rendered markdown may link to: http, https, mailto, and our own citation
 * anchors. Everything else (javascript:, data:, vbscript:, relative tricks) becomes empty.
 */
export function safeUrl(url: string): string {
  const trimmed = url.trim();
  if (/^#cite-\d{1,3}$/.test(trimmed)) return trimmed;
  // Control characters can hide a scheme from naive checks; refuse them outright.
  let hasControl = false;
  for (let i = 0; i < trimmed.length; i++) if (trimmed.charCodeAt(i) < 0x20) hasControl = true;
  if (/^(https?:\/\/|mailto:)/i.test(trimmed) && !hasControl) return trimmed;
  return "";
}
