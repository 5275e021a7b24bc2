import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { App } from "../../app.js";
import { queryRows } from "../../db/client.js";
import { insertUser } from "../../../test/factories/user.js";
import { buildTestApp } from "../../../test/helpers/app.js";
import type { Actor } from "../auth/actor.js";
import { StatisticsRefresher } from "./statistics.refresher.js";

let app: App;
let actor: Actor;
beforeAll(async () => {
  app = await buildTestApp();
  actor = await insertUser(app);
});
afterAll(async () => {
  await app.close();
});

const silent = { info: () => undefined, warn: vi.fn() };

async function analyzedChunks(): Promise<number> {
  const [row] = await queryRows<{ tuples: number }>(
    app.db,
    sql`SELECT reltuples::float8 AS tuples FROM pg_class WHERE oid = 'document_chunks'::regclass`,
  );
  return row?.tuples ?? -1;
}

async function ingest(n: number, from: number): Promise<void> {
  for (let i = from; i < from + n; i++) {
    const sections = Array.from(
      { length: 5 },
      (_, s) => `## Part ${s}\n\nLibrary ${i} topic ${s}.`,
    );
    await app.knowledge.ingest(actor, {
      data: `# Report ${i}\n\n${sections.join("\n\n")}`,
      contentType: "text/markdown",
      filename: `r${i}.md`,
    });
  }
}

describe("StatisticsRefresher", () => {
  it("vacuums and analyzes the knowledge tables once the chunk count doubled, not before", async () => {
    const refresher = new StatisticsRefresher(app.db, silent, { minChunks: 10 });
    expect(await refresher.refresh()).toBe(false); // empty corpus: nothing to plan for
    await ingest(4, 0);
    // The cumulative statistics reach other sessions when the writer flushes them (≤ 1 s apart).
    await vi.waitFor(
      async () => {
        await ingest(1, 100 + Math.floor(Math.random() * 1e6));
        expect(await refresher.refresh()).toBe(true);
      },
      { timeout: 8000, interval: 1100 },
    );
    const analyzed = await analyzedChunks();
    expect(analyzed).toBeGreaterThanOrEqual(20);
    // Vacuumed too: the postings' pages are marked all-visible for index-only scans.
    const [postings] = await queryRows<{ visible: number }>(
      app.db,
      sql`SELECT relallvisible AS visible FROM pg_class WHERE oid = 'chunk_terms'::regclass`,
    );
    expect(postings?.visible).toBeGreaterThan(0);
    expect(await refresher.refresh()).toBe(false); // nothing changed since
  });

  it("never fails an ingest: a refresh error is logged, and one refresh runs at a time", async () => {
    const warn = vi.fn();
    let active = 0;
    let peak = 0;
    const broken = new StatisticsRefresher(
      {
        execute: async () => {
          peak = Math.max(peak, ++active);
          await new Promise((resolve) => setTimeout(resolve, 20));
          active--;
          throw new Error("connection lost");
        },
      } as unknown as App["db"],
      { info: () => undefined, warn },
      { checkIntervalMs: 0 },
    );
    broken.notify();
    broken.notify(); // during the first: one more look once it ends, not a second at once
    broken.notify();
    await broken.settle();
    expect(warn).toHaveBeenCalledTimes(2);
    expect(peak).toBe(1);

    const result = await app.knowledge.ingest(actor, { data: "Plain text stays searchable." });
    expect(result.outcome).toBe("created");
    await app.knowledge.statistics.settle();
    expect(await app.knowledge.search(actor, { query: "searchable" })).toHaveLength(1);
  });

  it("a refresh asked for at the end of an import waits for the running one; none runs after close", async () => {
    let active = 0;
    let peak = 0;
    let calls = 0;
    const slow = new StatisticsRefresher(
      {
        execute: async () => {
          calls++;
          peak = Math.max(peak, ++active);
          await new Promise((resolve) => setTimeout(resolve, 30));
          active--;
          return { rows: [] };
        },
      } as unknown as App["db"],
      silent,
      { checkIntervalMs: 0 },
    );
    slow.notify();
    expect(await slow.refreshNow()).toBe(false); // nothing to refresh: its counters are empty
    expect(calls).toBe(2);
    expect(peak).toBe(1);

    slow.notify();
    const late = slow.refreshNow();
    await slow.close();
    expect(active).toBe(0); // nothing left running after close
    expect(await late).toBe(false);
    expect(calls).toBe(3); // the refresh asked for after close did not run
  });

  it("looks again after the interval when changes arrive too soon, unless closed", async () => {
    const checks: number[] = [];
    const counting = () =>
      new StatisticsRefresher(
        {
          execute: async () => {
            checks.push(Date.now());
            return { rows: [] };
          },
        } as unknown as App["db"],
        silent,
        { checkIntervalMs: 150 },
      );
    const refresher = counting();
    refresher.notify();
    await refresher.settle();
    refresher.notify(); // the last ingest of a burst, within the interval
    refresher.notify();
    expect(checks).toHaveLength(1);
    await vi.waitFor(() => expect(checks).toHaveLength(2), { timeout: 2000, interval: 20 });
    expect(checks[1]! - checks[0]!).toBeGreaterThanOrEqual(140);

    const closing = counting();
    closing.notify();
    await closing.settle();
    closing.notify();
    await closing.close();
    await new Promise((resolve) => setTimeout(resolve, 250));
    expect(checks).toHaveLength(3);
  });
});
