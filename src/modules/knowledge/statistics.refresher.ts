import { sql } from "drizzle-orm";
import type { FastifyBaseLogger } from "fastify";
import { queryRows, type Database } from "../../db/client.js";

/** Options of the planner-statistics refresher. */
export interface StatisticsRefresherOptions {
  /** Do not look at the table counters more often than this. @default 10000 */
  checkIntervalMs?: number;
  /** Below this many chunks the plans do not matter; never analyze a smaller corpus. @default 1000 */
  minChunks?: number;
}

/**
 * Refreshes the planner statistics of the knowledge tables after a large growth of the corpus:
 * when the chunks changed since the last `ANALYZE` are as many as the chunks it saw (the corpus
 * doubled), or the tables were never analyzed. Without statistics PostgreSQL plans the BM25 query
 * blind (it sorted ~86k postings on disk where a hash aggregate takes a fraction of the time:
 * search about 3× slower), and autovacuum may be off or far behind a bulk import. Runs in the
 * background, one at a time; a failure is logged, never an ingest's error.
 */
export class StatisticsRefresher {
  private running: Promise<void> | undefined;
  private lastCheck = 0;
  private readonly checkIntervalMs: number;
  private readonly minChunks: number;

  constructor(
    private readonly db: Database,
    private readonly log: Pick<FastifyBaseLogger, "info" | "warn">,
    options: StatisticsRefresherOptions = {},
  ) {
    this.checkIntervalMs = options.checkIntervalMs ?? 10_000;
    this.minChunks = options.minChunks ?? 1000;
  }

  /** Called after chunks were stored: maybe starts a background `ANALYZE`. */
  notify(): void {
    const now = Date.now();
    if (this.running || now - this.lastCheck < this.checkIntervalMs) return;
    this.lastCheck = now;
    this.running = this.refresh()
      .then(() => undefined)
      .catch((error: unknown) => {
        this.log.warn({ err: error }, "refreshing knowledge statistics failed");
      })
      .finally(() => {
        this.running = undefined;
      });
  }

  /** Waits for a refresh in progress (shutdown, tests). */
  async settle(): Promise<void> {
    await this.running;
  }

  /** Analyzes the knowledge tables when the chunk count doubled; returns whether it did. */
  async refresh(): Promise<boolean> {
    // reltuples is what the last ANALYZE (or VACUUM) saw, -1 before any; n_mod_since_analyze
    // counts rows inserted, updated or deleted since (the cumulative statistics, approximate).
    const [counters] = await queryRows<{ analyzed: number; changed: number }>(
      this.db,
      sql`SELECT GREATEST(c.reltuples, 0)::float8 AS analyzed,
                 coalesce(s.n_mod_since_analyze, 0)::float8 AS changed
          FROM pg_class c LEFT JOIN pg_stat_user_tables s ON s.relid = c.oid
          WHERE c.oid = 'document_chunks'::regclass`,
    );
    if (!counters) return false;
    const { analyzed, changed } = counters;
    if (analyzed + changed < this.minChunks || changed < analyzed) return false;
    const started = performance.now();
    await this.db.execute(sql`ANALYZE document_chunks, chunk_terms, knowledge_terms`);
    this.log.info(
      {
        analyzedChunks: analyzed,
        changedChunks: changed,
        ms: Math.round(performance.now() - started),
      },
      "knowledge statistics refreshed",
    );
    return true;
  }
}
