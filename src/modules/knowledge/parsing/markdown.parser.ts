import { squeeze, type Block, type ParsedDocument } from "./blocks.js";

const ATX_HEADING = /^ {0,3}(#{1,6})(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$/;
const SETEXT_UNDERLINE = /^ {0,3}(=+|-+)[ \t]*$/;
const FENCE = /^ {0,3}(`{3,}|~{3,})/;
const LINK_DEFINITION = /^ {0,3}\[[^\]]+\]:\s*\S+/;
const TABLE_DIVIDER = /^\s*\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?\s*$/;
const THEMATIC_BREAK = /^ {0,3}([-*_])([ \t]*\1){2,}[ \t]*$/;

/** Markdown inline syntax to plain text: links and images keep their text, markup goes. */
export function markdownInlineToText(line: string): string {
  return line
    .replace(/!\[([^\]]*)\]\([^)]*\)/g, "$1")
    .replace(/\[([^\]]+)\]\([^)]*\)/g, "$1")
    .replace(/\[([^\]]+)\]\[[^\]]*\]/g, "$1")
    .replace(/<((?:https?|mailto):[^>\s]+)>/g, "$1")
    .replace(/<\/?[A-Za-z][^>]*>/g, " ")
    .replace(/`+([^`]+)`+/g, "$1")
    .replace(/(\*\*|__)(?=\S)(.+?)(?<=\S)\1/g, "$2")
    .replace(/(^|[^\w*])([*_])(?=\S)(.+?)(?<=\S)\2(?!\w)/g, "$1$3")
    .replace(/~~(.+?)~~/g, "$1")
    .replace(/\\([\\`*_{}[\]()#+\-.!|~>])/g, "$1")
    .replace(/&nbsp;/g, " ")
    .replace(/&amp;/g, "&")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"');
}

/** Strips block markers (quotes, list bullets, table pipes) from one line. */
function blockLineToText(line: string): string {
  let text = line
    .replace(/^(\s*>)+\s?/, "")
    .replace(/^\s*(?:[-*+]|\d{1,9}[.)])\s+(\[[ xX]\]\s+)?/, "");
  if (/^\s*\|.*\|\s*$/.test(text))
    text = text.replace(/^\s*\||\|\s*$/g, "").replace(/\s*\|\s*/g, " | ");
  return squeeze(markdownInlineToText(text));
}

/**
 * Parses markdown into headings and paragraphs. Code blocks stay as text (they are searchable);
 * front matter, link definitions and table dividers are dropped.
 */
export function parseMarkdown(source: string): ParsedDocument {
  const lines = source.replace(/\r\n?/g, "\n").split("\n");
  const blocks: Block[] = [];
  let paragraph: string[] = [];
  let title: string | undefined;
  const flush = () => {
    const text = paragraph.filter(Boolean).join("\n").trim();
    if (text) blocks.push({ kind: "text", text });
    paragraph = [];
  };
  const heading = (level: number, raw: string) => {
    flush();
    const text = squeeze(markdownInlineToText(raw));
    if (!text) return;
    if (level === 1 && title === undefined) title = text;
    blocks.push({ kind: "heading", level, text });
  };

  let index = 0;
  if (lines[0]?.trim() === "---") {
    const end = lines.findIndex((line, i) => i > 0 && /^(---|\.\.\.)\s*$/.test(line));
    if (end > 0) index = end + 1;
  }
  for (; index < lines.length; index++) {
    const line = lines[index] ?? "";
    const fence = FENCE.exec(line);
    if (fence) {
      flush();
      const marker = fence[1] ?? "```";
      const code: string[] = [];
      for (index++; index < lines.length; index++) {
        const inner = lines[index] ?? "";
        if (inner.trimStart().startsWith(marker)) break;
        code.push(inner);
      }
      const text = code.join("\n").trim();
      if (text) blocks.push({ kind: "text", text });
      continue;
    }
    const atx = ATX_HEADING.exec(line);
    if (atx) {
      heading(atx[1]?.length ?? 1, atx[2] ?? "");
      continue;
    }
    const underline = SETEXT_UNDERLINE.exec(line);
    if (underline && paragraph.length > 0) {
      const last = paragraph.pop() ?? "";
      heading(underline[1]?.startsWith("=") ? 1 : 2, last);
      continue;
    }
    if (line.trim() === "" || THEMATIC_BREAK.test(line)) {
      flush();
      continue;
    }
    if (LINK_DEFINITION.test(line) || TABLE_DIVIDER.test(line)) continue;
    paragraph.push(blockLineToText(line));
  }
  flush();
  return { title, blocks };
}
