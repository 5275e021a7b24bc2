// Chat benchmarks (issue 4). Run: npx tsx bench/chat.bench.ts
// In one process: the app (real HTTP on 127.0.0.1), a fake OpenAI-compatible provider and the
// load generator, so figures include their CPU share on the same cores. Database: PostgreSQL at
// BENCH_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/test, a throwaway database),
// or PGlite in memory with BENCH_DATABASE_URL=pglite.
import { pino } from "pino";
import { buildApp, type App } from "../src/app.js";
import { testConfig } from "../test/helpers/app.js";
import { signUp, testPasswordHasher, type TestUser } from "../test/helpers/auth.js";
import { fakeLlmEnv } from "../test/helpers/chat.js";
import { createTestDatabase, type TestDatabase } from "../test/helpers/postgres.js";
import { startFakeOpenAi, type FakeReply } from "../test/fakes/openai-server.js";

const adminUrl = process.env.BENCH_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/test";
const slowSeconds = Number(process.env.BENCH_SECONDS ?? 30);

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  const index = Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1);
  return Math.round((sorted[Math.max(0, index)] ?? 0) * 10) / 10;
}

async function withApp<T>(
  env: Record<string, string>,
  run: (app: App, base: string) => Promise<T>,
): Promise<T> {
  let database: TestDatabase | undefined;
  const storage: Record<string, string> =
    adminUrl === "pglite"
      ? {}
      : { DATABASE_URL: (database = await createTestDatabase(adminUrl)).url };
  const app = await buildApp(testConfig({ ...env, ...storage, DATABASE_POOL_SIZE: "40" }), {
    logger: pino({ level: "silent" }),
    passwordHasher: testPasswordHasher,
  });
  await app.listen({ port: 0, host: "127.0.0.1" });
  const address = app.server.address();
  const base = typeof address === "object" && address ? `http://127.0.0.1:${address.port}` : "";
  try {
    return await run(app, base);
  } finally {
    await app.close();
    await database?.drop();
  }
}

/** One streaming turn: milliseconds to the first body byte and to the end of the stream. */
async function streamTurn(base: string, user: TestUser, message: string) {
  const started = performance.now();
  const response = await fetch(`${base}/api/chat`, {
    method: "POST",
    headers: { ...user.headers, accept: "text/event-stream", "content-type": "application/json" },
    body: JSON.stringify({ message }),
  });
  const reader = response.body!.getReader();
  let firstByte = 0;
  let body = "";
  const decoder = new TextDecoder();
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    if (!firstByte) firstByte = performance.now() - started;
    body += decoder.decode(value as Uint8Array);
  }
  return {
    firstByte,
    total: performance.now() - started,
    ok: response.ok && body.includes('"finish"'),
  };
}

async function jsonTurn(base: string, user: TestUser, message: string) {
  const started = performance.now();
  const response = await fetch(`${base}/api/chat`, {
    method: "POST",
    headers: { ...user.headers, "content-type": "application/json" },
    body: JSON.stringify({ message }),
  });
  const body = await response.text();
  if (response.status !== 200)
    failures.set(
      `${response.status} ${body.slice(0, 120)}`,
      (failures.get(`${response.status} ${body.slice(0, 120)}`) ?? 0) + 1,
    );
  return { total: performance.now() - started, ok: response.status === 200 };
}

async function users(app: App, count: number): Promise<TestUser[]> {
  const list: TestUser[] = [];
  for (let i = 0; i < count; i++) list.push(await signUp(app));
  return list;
}

const lines: string[] = [];
const failures = new Map<string, number>();
const instant = await startFakeOpenAi(() => ({ kind: "text", text: "Sure, noted." }));

// 1. Server-added latency: instant provider, 20 concurrent users, 10 streaming turns each.
await withApp(
  { ...fakeLlmEnv(instant.url), RATE_LIMIT_PER_MINUTE: "1000000" },
  async (app, base) => {
    const people = await users(app, 20);
    await Promise.all(people.map((user) => streamTurn(base, user, "warm up")));
    const provider: number[] = [];
    for (let i = 0; i < 50; i++) {
      const started = performance.now();
      const response = await fetch(`${instant.url}/chat/completions`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({
          model: "m",
          stream: true,
          messages: [{ role: "user", content: "hi" }],
        }),
      });
      await response.text();
      provider.push(performance.now() - started);
    }
    const results = (
      await Promise.all(
        people.map(async (user) => {
          const mine = [];
          for (let turn = 0; turn < 10; turn++)
            mine.push(await streamTurn(base, user, `note ${turn}`));
          return mine;
        }),
      )
    ).flat();
    const firstBytes = results.map((r) => r.firstByte);
    const totals = results.map((r) => r.total);
    lines.push(
      `| streaming turn, instant fake provider, 20 concurrent users (${results.length} turns, ${results.filter((r) => r.ok).length} ok) | first byte p50 ${percentile(firstBytes, 50)} / p95 ${percentile(firstBytes, 95)} ms | completion p50 ${percentile(totals, 50)} / p95 ${percentile(totals, 95)} ms |`,
      `| the fake provider alone (sequential streamed completion) | p50 ${percentile(provider, 50)} ms | p95 ${percentile(provider, 95)} ms |`,
    );
  },
);

// 2. Offline model turn (default configuration), sequential JSON turns.
await withApp({ RATE_LIMIT_PER_MINUTE: "1000000" }, async (app, base) => {
  const [user] = await users(app, 1);
  const said = ["add buy milk tomorrow at 5pm #home", "what's on my list?", "complete buy milk"];
  const totals: number[] = [];
  for (let i = 0; i < 60; i++) {
    const result = await jsonTurn(base, user!, said[i % said.length]!);
    if (i >= 6) totals.push(result.total);
  }
  lines.push(
    `| offline model turn (JSON, ${totals.length} sequential turns, new conversation each) | p50 ${percentile(totals, 50)} ms | p95 ${percentile(totals, 95)} ms |`,
  );
});

// 3. 500 ms provider, 50 concurrent users for BENCH_SECONDS: success rate and throughput.
const slow = await startFakeOpenAi((): FakeReply => ({
  kind: "text",
  text: "Done after a while.",
  delayMs: 500,
}));
await withApp({ ...fakeLlmEnv(slow.url), RATE_LIMIT_PER_MINUTE: "1000000" }, async (app, base) => {
  const people = await users(app, 50);
  const deadline = performance.now() + slowSeconds * 1000;
  const results = (
    await Promise.all(
      people.map(async (user) => {
        const mine: { total: number; ok: boolean }[] = [];
        while (performance.now() < deadline) mine.push(await jsonTurn(base, user, "slow one"));
        return mine;
      }),
    )
  ).flat();
  const ok = results.filter((r) => r.ok).length;
  const totals = results.map((r) => r.total);
  lines.push(
    `| 500 ms fake provider, 50 concurrent users, ${slowSeconds} s (JSON) | ${results.length} turns, ${((ok / results.length) * 100).toFixed(1)} % ok, ${(results.length / slowSeconds).toFixed(1)} turns/s (ideal 100/s) | p50 ${percentile(totals, 50)} / p95 ${percentile(totals, 95)} ms |`,
  );
});

await instant.close();
await slow.close();
console.log(`Database: ${adminUrl === "pglite" ? "PGlite (in memory)" : "PostgreSQL"}\n`);
console.log("| scenario | figure | figure |\n|---|---|---|");
console.log(lines.join("\n"));
if (failures.size > 0) console.log("\nfailures:", Object.fromEntries(failures));
