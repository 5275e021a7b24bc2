import type { LexicalHit } from "./lexical.index.js";

/** The usual RRF constant: dampens the advantage of the very first ranks. */
export const RRF_K = 60;

/**
 * Reciprocal rank fusion: each list contributes 1 / (k + rank) for every chunk it ranks, so
 * lists with incomparable scores (BM25, cosine) combine by rank alone.
 */
export function reciprocalRankFusion(lists: LexicalHit[][], k = RRF_K): LexicalHit[] {
  const scores = new Map<string, number>();
  for (const list of lists) {
    list.forEach((hit, index) => {
      scores.set(hit.chunkId, (scores.get(hit.chunkId) ?? 0) + 1 / (k + index + 1));
    });
  }
  return [...scores]
    .map(([chunkId, score]) => ({ chunkId, score }))
    .sort((a, b) => b.score - a.score || a.chunkId.localeCompare(b.chunkId));
}
