// Chat benchmarks (issue "Chat agent"). Run: npx tsx bench/chat.bench.ts  (about 90 s)
// The built Docket server runs in its own process (rebuilt first; NODE_ENV=production,
// LOG_LEVEL=info, default pool of 10) on a throwaway PostgreSQL 15 database; the fake
// OpenAI-compatible provider and the load generator run in this process. Server-added latency
// of a turn = what the client observed minus the provider's own time for that turn (measured
// inside the fake, from the request body received to the reply's end; turns are matched by a
// tag in the user's message). The server's CPU per turn is read from /proc. The server's own
// view is reported too: each turn's request id is its tag, and the server's "request completed"
// log line gives the time from the request's arrival to its last byte, without the load
// generator's and the fake provider's share of this process's CPU (they run beside it).
// Env: BENCH_DATABASE_URL (admin URL, default postgres://postgres@127.0.0.1:5432/test),
// BENCH_SECONDS (500 ms scenario, default 30), BENCH_CPU_PROF=dir (profile the chat server),
// BENCH_ONLY=paced,closed,slow,floor,offline (run only these scenarios; all by default),
// BENCH_SERVER_ENTRY=path (run this built entry instead of rebuilding; A/B runs of two builds),
// BENCH_PORT=n (the chat server's port, the offline one's is n+1; default 18091),
// BENCH_OFFLINE_TURNS=n (turns of the offline scenario, a multiple of 3; default 600),
// BENCH_PACED_USERS=n, BENCH_PACED_TURNS=n (users and turns each of the paced and floor
// scenarios; default 20 and 15: fewer users show an idle machine, more turns steadier tails).
import { execFileSync, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { createTestDatabase } from "../test/helpers/postgres.js";
import { startFakeOpenAi, type FakeReply, type FakeRequest } from "../test/fakes/openai-server.js";
import { cpuMs, serverNodeFlags, startProcess } from "./lib.js";

const adminUrl = process.env.BENCH_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/test";
const slowSeconds = Number(process.env.BENCH_SECONDS ?? 30);
const only = new Set((process.env.BENCH_ONLY ?? "paced,closed,slow,floor,offline").split(","));
const port = Number(process.env.BENCH_PORT ?? 18091);
const offlineTurns = Number(process.env.BENCH_OFFLINE_TURNS ?? 600);
const root = join(import.meta.dirname, "..");
const serverEntry = process.env.BENCH_SERVER_ENTRY ?? join(root, "dist", "src", "cli", "index.js");
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  const index = Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1);
  return Math.round((sorted[Math.max(0, index)] ?? 0) * 10) / 10;
}
const p50p95 = (values: number[]) =>
  `p50 ${percentile(values, 50)} / p95 ${percentile(values, 95)}`;
const load = () =>
  loadavg()
    .map((value) => value.toFixed(2))
    .join(" ");

// The fake provider: its reply depends on the scenario; its own time is kept per turn tag.
const INSTANT: FakeReply = { kind: "text", text: "Sure, noted." };
let reply: FakeReply = INSTANT;
const providerMs = new Map<string, number>();
function tagOf(request: FakeRequest): string | undefined {
  const last = request.body.messages?.findLast((message) => message.role === "user");
  const content = typeof last?.content === "string" ? last.content : JSON.stringify(last?.content);
  return /\[t-\d+\]/.exec(content)?.[0];
}
const fake = await startFakeOpenAi(() => reply, {
  record: false,
  onAnswered: (request, ms) => {
    const tag = tagOf(request);
    if (tag) providerMs.set(tag, (providerMs.get(tag) ?? 0) + ms);
  },
});
let tags = 0;
const tagged = (text: string) => `${text} [t-${++tags}]`;

/** Reads a server's log lines: request id → `duration_ms` (the server's own time for it). */
function serverDurations(child: ChildProcess): Map<string, number> {
  const durations = new Map<string, number>();
  let pending = "";
  child.stdout?.on("data", (chunk: Buffer) => {
    pending += chunk.toString();
    const lines = pending.split("\n");
    pending = lines.pop() ?? "";
    for (const line of lines) {
      if (!line.includes('"duration_ms"')) continue;
      const entry = JSON.parse(line) as { request_id?: string; duration_ms?: number };
      if (entry.request_id && entry.duration_ms !== undefined)
        durations.set(entry.request_id, entry.duration_ms);
    }
  });
  return durations;
}

if (!process.env.BENCH_SERVER_ENTRY)
  execFileSync("npm", ["run", "--silent", "build:server"], { cwd: root, stdio: "inherit" });

interface Server {
  base: string;
  /** Request id → the server's own duration of that request (from its log), in ms. */
  durations: Map<string, number>;
  /** Where a chat turn is posted. */
  chatPath: string;
  pid: number;
  stop(): Promise<void>;
}

async function startServer(port: number, env: Record<string, string>): Promise<Server> {
  const database = await createTestDatabase(adminUrl);
  const { child } = await startProcess(
    process.execPath,
    [...serverNodeFlags(), serverEntry, "serve"],
    {
      NODE_ENV: "production",
      PORT: String(port),
      HOST: "127.0.0.1",
      DATABASE_URL: database.url,
      LOG_LEVEL: "info",
      RATE_LIMIT_PER_MINUTE: "1000000",
      TRUST_PROXY: "true",
      BETTER_AUTH_SECRET: randomBytes(32).toString("base64url"),
      DATA_DIR: mkdtempSync(join(tmpdir(), "docket-bench-chat-")),
      ...env,
    },
    /docket is ready/,
  );
  return {
    base: `http://127.0.0.1:${port}`,
    durations: serverDurations(child),
    chatPath: "/api/chat",
    pid: child.pid!,
    async stop() {
      const exited = new Promise((resolve) => child.once("exit", resolve));
      child.kill("SIGTERM");
      await exited;
      await database.drop();
    },
  };
}

interface User {
  headers: Record<string, string>;
  conversationId?: string;
}

async function signUp(server: Server, n: number): Promise<User> {
  const response = await fetch(`${server.base}/api/auth/sign-up/email`, {
    method: "POST",
    headers: {
      "content-type": "application/json",
      origin: server.base.replace("127.0.0.1", "localhost"),
      // Sign-ups are limited per client IP; each bench user comes from its own address.
      "x-forwarded-for": `10.0.${Math.floor(n / 200)}.${(n % 200) + 1}`,
    },
    body: JSON.stringify({
      email: `bench${n}@example.test`,
      password: "bench horse battery staple",
      name: `Bench ${n}`,
    }),
  });
  const token = response.headers.get("set-auth-token");
  if (!response.ok || !token)
    throw new Error(`sign-up ${n} ${response.status}: ${await response.text()}`);
  return { headers: { authorization: `Bearer ${token}`, "content-type": "application/json" } };
}

interface Turn {
  ok: boolean;
  firstByte: number;
  /** To the first byte of the model's answer (a text or tool event), past the conversation id. */
  firstText: number;
  total: number;
  provider: number;
  /** The turn's tag, its request id without the brackets. */
  id: string | undefined;
}

/** One turn in the user's own conversation (created by the first turn). */
async function turn(
  server: Server,
  user: User,
  text: string,
  stream: boolean,
  tag = true,
): Promise<Turn> {
  const message = tag ? tagged(text) : text;
  const id = tag ? message.slice(message.lastIndexOf("[")) : undefined;
  const started = performance.now();
  const response = await fetch(`${server.base}${server.chatPath}`, {
    method: "POST",
    headers: {
      ...user.headers,
      ...(stream ? { accept: "text/event-stream" } : {}),
      ...(id ? { "x-request-id": id.slice(1, -1) } : {}),
    },
    body: JSON.stringify({
      message,
      ...(user.conversationId ? { conversation_id: user.conversationId } : {}),
    }),
  });
  const reader = response.body!.getReader();
  const decoder = new TextDecoder();
  let firstByte = 0;
  let firstText = 0;
  let body = "";
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    if (!firstByte) firstByte = performance.now() - started;
    body += decoder.decode(value as Uint8Array, { stream: true });
    if (!firstText && /"type":"(text-delta|tool-input-start|error)"/.test(body))
      firstText = performance.now() - started;
  }
  const total = performance.now() - started;
  const ok = response.status === 200 && (!stream || body.includes('"type":"finish"'));
  user.conversationId ??= /"conversation_id":"([^"]+)"/.exec(body)?.[1];
  const provider = id ? (providerMs.get(id) ?? 0) : 0;
  return { ok, firstByte, firstText: firstText || total, provider, total, id };
}

const lines: string[] = [];
function row(scenario: string, ...figures: string[]) {
  lines.push(`| ${scenario} | ${figures.join(" | ")} |`);
  console.log(lines.at(-1));
}

/** Runs `users` loops of turns; returns the turns and the server's CPU ms per turn. */
async function run(
  server: Server,
  users: User[],
  next: (user: User, index: number) => Promise<Turn | undefined>,
) {
  const cpuBefore = cpuMs(server.pid);
  const started = performance.now();
  const turns = (
    await Promise.all(
      users.map(async (user) => {
        const mine: Turn[] = [];
        for (let i = 0; ; i++) {
          const done = await next(user, i);
          if (!done) break;
          mine.push(done);
        }
        return mine;
      }),
    )
  ).flat();
  const seconds = (performance.now() - started) / 1000;
  const cpuPerTurn = (cpuMs(server.pid) - cpuBefore) / turns.length;
  await sleep(300); // the server's last "request completed" lines are still on their way
  return { turns, seconds, cpuPerTurn, load: load() };
}

function describe(
  label: string,
  result: Awaited<ReturnType<typeof run>>,
  stream: boolean,
  server: Server,
) {
  const { turns } = result;
  // The server's own time for the turn minus the provider's: no client-side work in it.
  const serverAdded = turns.flatMap((t) => {
    const duration = t.id ? server.durations.get(t.id.slice(1, -1)) : undefined;
    return duration === undefined ? [] : [duration - t.provider];
  });
  const ok = turns.filter((t) => t.ok).length;
  row(
    `${label} (${turns.length} turns, ${ok} ok, ${(turns.length / result.seconds).toFixed(1)} turns/s, load ${result.load})`,
    stream
      ? `first byte ${p50p95(turns.map((t) => t.firstByte - t.provider))} ms; first answer byte ${p50p95(turns.map((t) => t.firstText - t.provider))} ms`
      : `server-added ${p50p95(turns.map((t) => t.total - t.provider))} ms`,
    `completion ${p50p95(turns.map((t) => t.total - t.provider))} ms`,
    `client-observed completion ${p50p95(turns.map((t) => t.total))} ms; provider ${p50p95(turns.map((t) => t.provider))} ms; server CPU ${result.cpuPerTurn.toFixed(1)} ms/turn${serverAdded.length === 0 ? "" : `; as the server measured it (request in to last byte, minus the provider) ${p50p95(serverAdded)} ms over ${serverAdded.length} turns`}`,
  );
}

console.log(`load average at start: ${load()}`);
const thinkMs = () => 200 + Math.random() * 300;
/** The paced scenario: 20 users, 15 streamed turns each with 200–500 ms of thinking before. */
const paced = (server: Server, users: User[]) =>
  run(server, users, async (user, i) => {
    if (i >= Number(process.env.BENCH_PACED_TURNS ?? 15)) return undefined;
    await sleep(thinkMs());
    return turn(server, user, `note ${i}`, true);
  });

// 1. Instant provider, streaming, 20 users in their own conversations.
if (only.has("paced") || only.has("closed") || only.has("slow")) {
  const chat = await startServer(port, {
    LLM_PROVIDER: "openai-compatible",
    LLM_BASE_URL: fake.url,
    LLM_MODEL: "main-model",
  });
  try {
    const people: User[] = [];
    const accounts = only.has("slow") ? 50 : 20;
    for (let i = 0; i < accounts; i++) people.push(await signUp(chat, i));
    const twenty = people.slice(0, 20);
    // Warm-up: JIT, pool connections; also opens each user's conversation.
    for (let round = 0; round < 3; round++)
      await Promise.all(twenty.map((user) => turn(chat, user, "warm up", true)));

    if (only.has("paced"))
      describe(
        "streaming, instant provider, 20 users, think time 200–500 ms",
        await paced(chat, twenty.slice(0, Number(process.env.BENCH_PACED_USERS ?? 20))),
        true,
        chat,
      );

    if (only.has("closed")) {
      const closed = await run(chat, twenty, async (user, i) =>
        i < 10 ? turn(chat, user, `more ${i}`, true) : undefined,
      );
      describe(
        "streaming, instant provider, 20 users closed-loop (no think time)",
        closed,
        true,
        chat,
      );
    }

    if (only.has("slow")) {
      // 3. 500 ms provider, 50 users closed-loop for slowSeconds, JSON.
      reply = { kind: "text", text: "Done after a while.", delayMs: 500 };
      await Promise.all(people.slice(20).map((user) => turn(chat, user, "warm up", false)));
      const deadline = performance.now() + slowSeconds * 1000;
      const slow = await run(chat, people, async (user) =>
        performance.now() < deadline ? turn(chat, user, "slow one", false) : undefined,
      );
      describe(`JSON, 500 ms provider, 50 users closed-loop, ${slowSeconds} s`, slow, false, chat);
      row(
        "500 ms provider: success and throughput",
        `${((slow.turns.filter((t) => t.ok).length / slow.turns.length) * 100).toFixed(2)} % ok`,
        `${(slow.turns.length / slowSeconds).toFixed(1)} turns/s = ${((slow.turns.length / slowSeconds / 100) * 100).toFixed(1)} % of the ideal 100/s`,
        "",
      );
    }
  } finally {
    await chat.stop();
  }
}

// The floor: the same paced scenario against the least a server must do per streamed turn
// (bench/bare-chat-server.ts: one history query, the provider streamed through, one INSERT).
if (only.has("floor")) {
  reply = INSTANT; // the 500 ms scenario may have run before
  const database = await createTestDatabase(adminUrl);
  const bare = await startProcess(
    process.execPath,
    [...serverNodeFlags(), "--import", "tsx", join(import.meta.dirname, "bare-chat-server.ts")],
    { PORT: String(port + 2), DATABASE_URL: database.url, PROVIDER_URL: fake.url },
    /bare chat ready/,
  );
  const floor: Server = {
    base: `http://127.0.0.1:${port + 2}`,
    chatPath: "/bare-chat",
    durations: serverDurations(bare.child),
    pid: bare.child.pid!,
    async stop() {
      const exited = new Promise((resolve) => bare.child.once("exit", resolve));
      bare.child.kill("SIGTERM");
      await exited;
      await database.drop();
    },
  };
  try {
    const users: User[] = Array.from({ length: 20 }, () => ({
      headers: { "content-type": "application/json" },
    }));
    for (let round = 0; round < 3; round++)
      await Promise.all(users.map((user) => turn(floor, user, "warm up", true)));
    describe(
      "floor (bare chat server), streaming, 20 users, think time 200–500 ms",
      await paced(floor, users.slice(0, Number(process.env.BENCH_PACED_USERS ?? 20))),
      true,
      floor,
    );
  } finally {
    await floor.stop();
  }
}

// 2. Offline model (the default configuration), JSON, sequential, a new conversation each.
if (only.has("offline")) {
  const offline = await startServer(port + 1, { LLM_PROVIDER: "offline" });
  try {
    const user = await signUp(offline, 0);
    const said = ["add buy milk tomorrow at 5pm #home", "what's on my list?", "complete buy milk"];
    for (let i = 0; i < 15; i++) await turn(offline, { ...user }, said[i % 3]!, false, false);
    const result = await run(offline, [user], async (_user, i) =>
      i < offlineTurns ? turn(offline, { ...user }, said[i % 3]!, false, false) : undefined,
    );
    describe(
      "offline model, JSON, 1 user sequential, new conversation each",
      result,
      false,
      offline,
    );
    said.forEach((message, k) => {
      const mine = result.turns.filter((_turn, i) => i % said.length === k);
      row(`offline, “${message}”`, `end to end ${p50p95(mine.map((t) => t.total))} ms`, "", "");
    });
  } finally {
    await offline.stop();
  }
}

await fake.close();
console.log("\n| scenario | figure | figure | detail |\n|---|---|---|---|");
console.log(lines.join("\n"));
