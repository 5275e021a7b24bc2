import { extractText, getDocumentProxy } from "unpdf";
import type { Block, ParsedDocument } from "./blocks.js";
import { parsePlainText } from "./text.parser.js";

/** Text of each page of a PDF; each block remembers its page for citations. Throws when corrupt. */
export async function parsePdf(data: Uint8Array): Promise<ParsedDocument> {
  // pdf.js takes ownership of (detaches) the buffer it is given, so hand it a copy.
  const pdf = await getDocumentProxy(new Uint8Array(data));
  try {
    const { text: pages } = await extractText(pdf, { mergePages: false });
    const blocks: Block[] = [];
    pages.forEach((pageText, index) => {
      blocks.push(...parsePlainText(pageText, index + 1).blocks);
    });
    const metadata = await pdf.getMetadata().catch(() => undefined);
    const info: { Title?: unknown } | undefined = metadata?.info;
    const title =
      typeof info?.Title === "string" && info.Title.trim() ? info.Title.trim() : undefined;
    return { title, blocks };
  } finally {
    await pdf.destroy();
  }
}
