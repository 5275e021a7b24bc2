import { squeeze, type Block, type ParsedDocument } from "./blocks.js";

/** Plain text: paragraphs are separated by blank lines; line breaks inside them are kept. */
export function parsePlainText(source: string, page?: number): ParsedDocument {
  const blocks: Block[] = source
    .replace(/\r\n?/g, "\n")
    .split(/\n[ \t]*\n/)
    .map((paragraph) =>
      paragraph
        .split("\n")
        .map((line) => squeeze(line))
        .filter(Boolean)
        .join("\n"),
    )
    .filter(Boolean)
    .map((text) => (page === undefined ? { kind: "text", text } : { kind: "text", text, page }));
  return { title: undefined, blocks };
}
