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
 * Refreshes the planner statistics and visibility map of the knowledge tables after a large
 * growth of the corpus: when the chunks changed since the last `ANALYZE` are as many as the
 * chunks it saw (the corpus doubled), or the tables were never analyzed. Without statistics
 * PostgreSQL plans the BM25 query blind (it sorted ~86k postings on disk where a hash aggregate
 * takes a fraction of the time: search about 3× slower), and until a vacuum sets the visibility
 * map, the index-only scans of the postings visit the heap for every posting; autovacuum may be
 * off, or a minute or more behind a bulk import. Runs in the background, one at a time, at most
 * once per check interval, and once more after the last change of a burst; a failure is logged,
 * never an ingest's error.
 */
export class StatisticsRefresher {
  private running: Promise<void> | undefined;
  /** A change arrived during a refresh: look again when it ends. */
  private again = false;
  /** A check waiting for the end of the interval. */
  private trailing: NodeJS.Timeout | undefined;
  private closed = false;
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

  /** Called after chunks were stored: starts a background refresh check, now or later. */
  notify(): void {
    if (this.closed || this.trailing) return;
    if (this.running) {
      this.again = true;
      return;
    }
    const wait = this.lastCheck + this.checkIntervalMs - Date.now();
    if (wait > 0) {
      this.trailing = setTimeout(() => {
        this.trailing = undefined;
        this.notify();
      }, wait);
      this.trailing.unref();
      return;
    }
    this.lastCheck = Date.now();
    void this.run();
  }

  /** Runs one refresh as the one in progress; a failure is logged and gives false. */
  private run(): Promise<boolean> {
    const refreshed = this.refresh().catch((error: unknown) => {
      this.log.warn({ err: error }, "refreshing knowledge statistics failed");
      return false;
    });
    this.running = refreshed
      .then(() => undefined)
      .finally(() => {
        this.running = undefined;
        if (this.again) {
          this.again = false;
          this.notify();
        }
      });
    return refreshed;
  }

  /** Waits until no refresh is running (tests). */
  async settle(): Promise<void> {
    while (this.running) await this.running;
  }

  /**
   * Refreshes now if the corpus grew enough, after any refresh in progress (the end of a bulk
   * import); a failure is logged and returns false, and after `close` nothing runs.
   */
  async refreshNow(): Promise<boolean> {
    await this.settle();
    return this.closed ? false : this.run();
  }

  /** Stops scheduling refreshes and waits for the one in progress (shutdown). */
  async close(): Promise<void> {
    this.closed = true;
    clearTimeout(this.trailing);
    this.trailing = undefined;
    await this.settle();
  }

  /** Vacuums and analyzes the knowledge tables when the chunk count doubled; returns whether it did. */
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
    // VACUUM also sets the visibility map the index-only scans of the postings need; on tables
    // that were only inserted into, it skips the index passes (0.4 s for 600k postings).
    await this.db.execute(sql`VACUUM (ANALYZE) document_chunks, chunk_terms, knowledge_terms`);
    this.log.info(
      {
        analyzedChunks: analyzed,
        changedChunks: changed,
        ms: Math.round(performance.now() - started),
      },
      "knowledge tables vacuumed and analyzed",
    );
    return true;
  }
}
