// `npm run bench -- <name> [args…]` runs one benchmark by name; without a name it lists them.
// Each one writes its tables to stdout; bench/README.md says what each measures and holds the
// latest results. Benchmarks share one lock, so two never measure each other's load.
import { spawnSync } from "node:child_process";
import { join } from "node:path";

const benchmarks: Record<string, { file: string; about: string }> = {
  foundation: { file: "foundation.ts", about: "probes, /health p99, idle RSS, cold start" },
  tasks: { file: "tasks.ts", about: "task listing latency at 20 users" },
  "quick-add": { file: "quick-add.bench.ts", about: "quick-add parsing speed" },
  retrieval: { file: "retrieval-eval.ts", about: "retrieval quality on CISI" },
  knowledge: { file: "knowledge-latency.ts", about: "knowledge search throughput and latency" },
  chat: { file: "chat.bench.ts", about: "chat turns: streaming, 500 ms provider, offline" },
  mcp: { file: "mcp.ts", about: "MCP tools/call against REST" },
};

const [name, ...rest] = process.argv.slice(2);
const benchmark = name === undefined ? undefined : benchmarks[name];
if (benchmark === undefined) {
  if (name !== undefined) console.error(`No benchmark named “${name}”.\n`);
  console.log("Usage: npm run bench -- <name> [args…]   (results: bench/README.md)\n");
  for (const [key, { about }] of Object.entries(benchmarks))
    console.log(`  ${key.padEnd(11)} ${about}`);
  process.exit(name === undefined ? 0 : 2);
}

const lock = "/tmp/docket-bench.lock";
const script = join(import.meta.dirname, benchmark.file);
const tsx = join(import.meta.dirname, "..", "node_modules", ".bin", "tsx");
const withLock = spawnSync("sh", ["-c", "command -v flock"], { encoding: "utf8" }).status === 0;
const [command, args] = withLock
  ? ["flock", [lock, tsx, script, ...rest]]
  : [tsx, [script, ...rest]];
const result = spawnSync(command, args, { stdio: "inherit" });
process.exit(result.status ?? 1);
