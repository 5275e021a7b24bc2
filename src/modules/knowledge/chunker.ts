import type { Block } from "./parsing/blocks.js";

/** A passage ready to index, with where it sits in its document (for citations). */
export interface Chunk {
  /** 0-based order within the document. */
  position: number;
  /** Titles of the enclosing sections, outermost first. */
  headingPath: string[];
  /** The PDF page the passage starts on. */
  page: number | undefined;
  text: string;
}

/** Chunk sizes in characters. */
export interface ChunkOptions {
  /** Longest chunk; longer sections are split at sentence boundaries. @default 1200 */
  maxChars?: number;
  /** Trailing sentences of a split chunk repeated at the start of the next, up to this size. @default 200 */
  overlapChars?: number;
}

interface Unit {
  text: string;
  /** What separates this unit from the previous one in the same chunk. */
  joiner: string;
  page: number | undefined;
}

// A sentence ends at . ! ? (optionally closed by a quote or bracket) followed by space and a capital.
const SENTENCE_END = /(?<=[.!?…]["'”’)\]]?)\s+(?=["'“‘([]?[\p{Lu}\d])/u;

function splitLong(text: string, maxChars: number): string[] {
  if (text.length <= maxChars) return [text];
  const pieces: string[] = [];
  let current = "";
  for (const word of text.split(/\s+/)) {
    if (current && current.length + 1 + word.length > maxChars) {
      pieces.push(current);
      current = "";
    }
    // A single "word" longer than a chunk (a URL, base64) is cut hard.
    for (let rest = word; rest; rest = rest.slice(maxChars)) {
      const part = rest.slice(0, maxChars);
      if (part.length === maxChars && !current) pieces.push(part);
      else current = current ? `${current} ${part}` : part;
    }
  }
  if (current) pieces.push(current);
  return pieces;
}

function unitsOf(block: Extract<Block, { kind: "text" }>, maxChars: number): Unit[] {
  const units: Unit[] = [];
  block.text.split("\n").forEach((line, lineIndex) => {
    line
      .split(SENTENCE_END)
      .flatMap((sentence) => splitLong(sentence.trim(), maxChars))
      .filter(Boolean)
      .forEach((text, sentenceIndex) => {
        const joiner = sentenceIndex > 0 ? " " : lineIndex > 0 ? "\n" : "\n\n";
        units.push({ text, joiner, page: block.page });
      });
  });
  return units;
}

/**
 * Splits parsed blocks into passages that never cross a heading, fill up to `maxChars` with whole
 * paragraphs or sentences, and overlap by a sentence or two where a section had to be split.
 */
export function chunkBlocks(blocks: Block[], options: ChunkOptions = {}): Chunk[] {
  const maxChars = options.maxChars ?? 1200;
  const overlapChars = options.overlapChars ?? 200;
  const chunks: Chunk[] = [];
  const headings: { level: number; text: string }[] = [];
  let units: Unit[] = [];

  const emit = (parts: Unit[]) => {
    const text = parts.map((unit, index) => (index === 0 ? "" : unit.joiner) + unit.text).join("");
    chunks.push({
      position: chunks.length,
      headingPath: headings.map((heading) => heading.text),
      page: parts[0]?.page,
      text,
    });
  };

  const flushSection = () => {
    let current: Unit[] = [];
    let size = 0;
    let fresh = false;
    for (const unit of units) {
      const added = unit.text.length + (current.length > 0 ? unit.joiner.length : 0);
      if (current.length > 0 && size + added > maxChars && fresh) {
        emit(current);
        const tail: Unit[] = [];
        let tailSize = 0;
        for (let i = current.length - 1; i > 0; i--) {
          const candidate = current[i];
          if (!candidate || tailSize + candidate.text.length + 1 > overlapChars) break;
          tail.unshift(candidate);
          tailSize += candidate.text.length + 1;
        }
        current = tail;
        size = tailSize;
      }
      current.push(unit);
      size += unit.text.length + (current.length > 1 ? unit.joiner.length : 0);
      fresh = true;
    }
    if (fresh) emit(current);
    units = [];
  };

  for (const block of blocks) {
    if (block.kind === "heading") {
      flushSection();
      while (headings.length > 0 && (headings.at(-1)?.level ?? 0) >= block.level) headings.pop();
      headings.push({ level: block.level, text: block.text });
    } else {
      units.push(...unitsOf(block, maxChars));
    }
  }
  flushSection();

  if (chunks.length === 0) {
    // Only headings: they are the content.
    const text = blocks.map((block) => block.text).join("\n");
    if (text.trim()) chunks.push({ position: 0, headingPath: [], page: undefined, text });
  }
  return chunks;
}
