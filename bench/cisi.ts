import { readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

/** The CISI collection lives beside the repository: `<repo>/../shared/eval/cisi`. */
export const CISI_DIR = join(
  resolve(dirname(fileURLToPath(import.meta.url)), "..", ".."),
  "shared",
  "eval",
  "cisi",
);

/** One SMART-format record: `.I id` followed by `.X field` sections. */
function records(path: string): Map<string, Record<string, string>> {
  const result = new Map<string, Record<string, string>>();
  let current: Record<string, string> | undefined;
  let field: string | undefined;
  for (const line of readFileSync(path, "utf8").split(/\r?\n/)) {
    const id = /^\.I\s+(\d+)/.exec(line);
    if (id?.[1]) {
      current = {};
      result.set(id[1], current);
      field = undefined;
      continue;
    }
    const marker = /^\.([A-Z])\s*$/.exec(line);
    if (marker?.[1] && current) {
      field = marker[1];
      current[field] = "";
      continue;
    }
    if (current && field) current[field] = `${current[field] ?? ""}${line}\n`;
  }
  return result;
}

/** A CISI abstract. */
export interface CisiDocument {
  id: string;
  title: string;
  text: string;
}

/** Documents, queries with at least one judgment, and the relevant document ids per query. */
export function loadCisi(dir = CISI_DIR): {
  documents: CisiDocument[];
  queries: { id: string; text: string }[];
  relevant: Map<string, Set<string>>;
} {
  const documents = [...records(join(dir, "CISI.ALL"))].map(([id, fields]) => ({
    id,
    title: (fields.T ?? "").replace(/\s+/g, " ").trim(),
    text: (fields.W ?? "").trim(),
  }));
  const relevant = new Map<string, Set<string>>();
  for (const line of readFileSync(join(dir, "CISI.REL"), "utf8").split(/\r?\n/)) {
    const [query, document] = line.trim().split(/\s+/);
    if (!query || !document) continue;
    const set = relevant.get(query) ?? new Set<string>();
    set.add(document);
    relevant.set(query, set);
  }
  const queries = [...records(join(dir, "CISI.QRY"))]
    .map(([id, fields]) => ({ id, text: (fields.W ?? "").replace(/\s+/g, " ").trim() }))
    .filter((query) => relevant.has(query.id));
  return { documents, queries, relevant };
}

/** nDCG@k with binary gains. */
export function ndcgAt(ranking: string[], relevant: Set<string>, k: number): number {
  let dcg = 0;
  ranking.slice(0, k).forEach((id, index) => {
    if (relevant.has(id)) dcg += 1 / Math.log2(index + 2);
  });
  let ideal = 0;
  for (let index = 0; index < Math.min(k, relevant.size); index++)
    ideal += 1 / Math.log2(index + 2);
  return ideal === 0 ? 0 : dcg / ideal;
}

/** Average precision over the ranking given (here: the top 100). */
export function averagePrecision(ranking: string[], relevant: Set<string>): number {
  let hits = 0;
  let sum = 0;
  ranking.forEach((id, index) => {
    if (relevant.has(id)) {
      hits++;
      sum += hits / (index + 1);
    }
  });
  return relevant.size === 0 ? 0 : sum / relevant.size;
}

/** Share of the relevant documents found in the top k. */
export function recallAt(ranking: string[], relevant: Set<string>, k: number): number {
  const found = ranking.slice(0, k).filter((id) => relevant.has(id)).length;
  return relevant.size === 0 ? 0 : found / relevant.size;
}

/** Mean nDCG@10, MAP and recall@100 of a run (query id → ranked document ids). */
export function evaluate(
  runs: Map<string, string[]>,
  relevant: Map<string, Set<string>>,
): { ndcg10: number; map: number; recall100: number; queries: number } {
  let ndcg = 0;
  let map = 0;
  let recall = 0;
  for (const [query, ranking] of runs) {
    const judged = relevant.get(query) ?? new Set<string>();
    ndcg += ndcgAt(ranking, judged, 10);
    map += averagePrecision(ranking.slice(0, 100), judged);
    recall += recallAt(ranking, judged, 100);
  }
  const n = runs.size || 1;
  return { ndcg10: ndcg / n, map: map / n, recall100: recall / n, queries: runs.size };
}
