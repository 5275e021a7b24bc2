/** A structural piece of a parsed document: the chunker keeps headings as each chunk's path. */
export type Block =
  { kind: "heading"; level: number; text: string } | { kind: "text"; text: string; page?: number };

/** What a parser extracts from one file. */
export interface ParsedDocument {
  /** A title found in the content itself (HTML `<title>`, first markdown `# heading`). */
  title: string | undefined;
  blocks: Block[];
}

/** Collapses runs of spaces and tabs (not newlines) and trims. */
export function squeeze(text: string): string {
  return text.replace(/[ \t\f\v\u00a0]+/g, " ").trim();
}

/** True when the blocks carry no readable text at all. */
export function isBlank(blocks: Block[]): boolean {
  return blocks.every((block) => block.text.trim() === "");
}
