import { Parser } from "htmlparser2";
import { squeeze, type Block, type ParsedDocument } from "./blocks.js";

/** Elements whose content is never readable text (or is page chrome, like navigation). */
const SKIPPED = new Set([
  "script",
  "style",
  "noscript",
  "template",
  "svg",
  "math",
  "iframe",
  "object",
  "embed",
  "canvas",
  "nav",
  "select",
  "button",
  "head",
]);

/** Elements that end a paragraph. */
const BLOCK = new Set([
  "address",
  "article",
  "aside",
  "blockquote",
  "dd",
  "details",
  "dialog",
  "div",
  "dl",
  "dt",
  "fieldset",
  "figcaption",
  "figure",
  "footer",
  "form",
  "header",
  "hr",
  "li",
  "main",
  "ol",
  "p",
  "pre",
  "section",
  "summary",
  "table",
  "tbody",
  "td",
  "tfoot",
  "th",
  "thead",
  "tr",
  "ul",
  "body",
  "html",
]);

const HEADING = /^h([1-6])$/;

/** Readable text of an HTML page: headings and paragraphs, no scripts, styles or navigation. */
export function parseHtml(source: string): ParsedDocument {
  const blocks: Block[] = [];
  let skipDepth = 0;
  let inTitle = false;
  let preDepth = 0;
  let title = "";
  let buffer = "";
  let headingLevel: number | undefined;

  const flush = () => {
    const text = preDepth > 0 ? buffer.trim() : squeeze(buffer.replace(/\s*\n\s*/g, "\n"));
    buffer = "";
    if (!text) return;
    if (headingLevel !== undefined) {
      blocks.push({
        kind: "heading",
        level: headingLevel,
        text: squeeze(text.replace(/\n/g, " ")),
      });
    } else {
      blocks.push({ kind: "text", text });
    }
  };

  const parser = new Parser(
    {
      onopentag(name, attributes) {
        if (name === "title") inTitle = true;
        if (SKIPPED.has(name)) {
          skipDepth++;
          return;
        }
        if (skipDepth > 0) return;
        const heading = HEADING.exec(name);
        if (heading) {
          flush();
          headingLevel = Number(heading[1]);
        } else if (BLOCK.has(name)) {
          flush();
          if (name === "pre") preDepth++;
        } else if (name === "br") {
          buffer += "\n";
        } else if (name === "img" && attributes.alt) {
          // Alt text is the readable content of an image.
          buffer += ` ${attributes.alt} `;
        }
      },
      ontext(text) {
        if (inTitle) title += text;
        if (skipDepth > 0) return;
        buffer += preDepth > 0 ? text : text.replace(/\s+/g, " ");
      },
      onclosetag(name) {
        if (name === "title") inTitle = false;
        if (SKIPPED.has(name)) {
          skipDepth = Math.max(0, skipDepth - 1);
          return;
        }
        if (skipDepth > 0) return;
        if (HEADING.test(name)) {
          flush();
          headingLevel = undefined;
        } else if (BLOCK.has(name)) {
          flush();
          if (name === "pre") preDepth = Math.max(0, preDepth - 1);
        }
      },
    },
    { decodeEntities: true, recognizeSelfClosing: true },
  );
  parser.write(source);
  parser.end();
  flush();
  const cleanTitle = squeeze(title.replace(/\s+/g, " "));
  return { title: cleanTitle || undefined, blocks };
}
