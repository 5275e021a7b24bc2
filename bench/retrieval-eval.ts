/**
 * Retrieval quality on CISI: ingests every abstract through `POST /api/documents` and runs every
 * judged query through `GET /api/search`, as a user would, then scores the same collection with
 * wink-bm25-text-search (a well-known BM25 with stemming and stop words) for comparison.
 *
 *   npx tsx bench/retrieval-eval.ts            # embedded PGlite in memory
 *   DATABASE_URL=postgres://.../fresh_db npx tsx bench/retrieval-eval.ts
 */
import bm25 from "wink-bm25-text-search";
import nlp from "wink-nlp-utils";
import { pino } from "pino";
import { buildApp } from "../src/app.js";
import { signUp, testPasswordHasher } from "../test/helpers/auth.js";
import { testConfig } from "../test/helpers/app.js";
import { evaluate, loadCisi, type CisiDocument } from "./cisi.js";

function referenceRun(
  documents: CisiDocument[],
  queries: { id: string; text: string }[],
  titleWeight: number,
): Map<string, string[]> {
  const engine = bm25();
  engine.defineConfig({
    fldWeights: { title: titleWeight, body: 1 },
    bm25Params: { k1: 1.2, b: 0.75 },
  });
  const tasks = nlp;
  engine.definePrepTasks([
    tasks.string.lowerCase,
    tasks.string.tokenize0,
    tasks.tokens.removeWords,
    tasks.tokens.stem,
    tasks.tokens.propagateNegations,
  ]);
  for (const document of documents) {
    engine.addDoc({ title: document.title, body: document.text }, document.id);
  }
  engine.consolidate();
  return new Map(
    queries.map((query) => [query.id, engine.search(query.text, 100).map(([id]) => id)]),
  );
}

async function ourRun(
  documents: CisiDocument[],
  queries: { id: string; text: string }[],
): Promise<{ runs: Map<string, string[]>; ingestSeconds: number; searchP95: number }> {
  const config = testConfig(
    process.env.DATABASE_URL ? { DATABASE_URL: process.env.DATABASE_URL } : {},
  );
  const app = await buildApp(config, {
    logger: pino({ level: "silent" }),
    passwordHasher: testPasswordHasher,
  });
  try {
    const user = await signUp(app);
    const toCisi = new Map<string, string>();
    const started = performance.now();
    for (const document of documents) {
      const response = await app.inject({
        method: "POST",
        url: "/api/documents",
        headers: user.headers,
        payload: {
          title: document.title,
          content: document.text,
          source_url: `https://cisi.test/${document.id}`,
        },
      });
      if (response.statusCode !== 201) throw new Error(`ingest ${document.id}: ${response.body}`);
      toCisi.set(response.json<{ id: string }>().id, document.id);
    }
    const ingestSeconds = (performance.now() - started) / 1000;
    const runs = new Map<string, string[]>();
    const timings: number[] = [];
    for (const query of queries) {
      const before = performance.now();
      const response = await app.inject({
        method: "GET",
        url: "/api/search",
        headers: user.headers,
        query: { q: query.text, limit: "200" },
      });
      timings.push(performance.now() - before);
      if (response.statusCode !== 200) throw new Error(`search ${query.id}: ${response.body}`);
      const { results } = response.json<{ results: { document_id: string }[] }>();
      // Document-level ranking: each document at the rank of its best chunk (max score).
      const ranking: string[] = [];
      for (const result of results) {
        const id = toCisi.get(result.document_id);
        if (id && !ranking.includes(id)) ranking.push(id);
      }
      runs.set(query.id, ranking.slice(0, 100));
    }
    timings.sort((a, b) => a - b);
    const searchP95 = timings[Math.floor(timings.length * 0.95)] ?? 0;
    return { runs, ingestSeconds, searchP95 };
  } finally {
    await app.close();
  }
}

const format = (value: number) => value.toFixed(4);

async function main() {
  const { documents, queries, relevant } = loadCisi();
  console.log(`CISI: ${documents.length} documents, ${queries.length} judged queries`);
  const ours = await ourRun(documents, queries);
  const rows: [string, ReturnType<typeof evaluate>][] = [
    ["Docket (API: BM25F, english stemming)", evaluate(ours.runs, relevant)],
    ["wink-bm25-text-search (title ×2)", evaluate(referenceRun(documents, queries, 2), relevant)],
    ["wink-bm25-text-search (title ×1)", evaluate(referenceRun(documents, queries, 1), relevant)],
  ];
  console.log("\n| system | nDCG@10 | MAP | recall@100 |\n|---|---|---|---|");
  for (const [name, metrics] of rows) {
    console.log(
      `| ${name} | ${format(metrics.ndcg10)} | ${format(metrics.map)} | ${format(metrics.recall100)} |`,
    );
  }
  console.log(
    `\ningestion: ${documents.length} documents in ${ours.ingestSeconds.toFixed(1)} s through the API; search p95 ${ours.searchP95.toFixed(1)} ms (${queries.length} queries)`,
  );
}

await main();
