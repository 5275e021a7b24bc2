import { spawn, type ChildProcess } from "node:child_process";
import { readFileSync } from "node:fs";
import autocannon from "autocannon";

/** A load-test result in the units bench/README.md reports. */
export interface LoadResult {
  label: string;
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  errors: number;
  non2xx: number;
}

/** Runs autocannon against `url` (loopback only) and summarises it. */
export async function load(
  label: string,
  url: string,
  options: {
    connections?: number;
    durationSeconds?: number;
    headers?: Record<string, string>;
  } = {},
): Promise<LoadResult> {
  const result = await autocannon({
    url,
    connections: options.connections ?? 50,
    duration: options.durationSeconds ?? 10,
    headers: options.headers ?? {},
  });
  return {
    label,
    requestsPerSecond: Math.round(result.requests.average),
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    errors: result.errors + result.timeouts,
    non2xx: result.non2xx,
  };
}

/** Prints results as a markdown table. */
export function table(results: LoadResult[]): string {
  const rows = results.map(
    (r) =>
      `| ${r.label} | ${r.requestsPerSecond} | ${r.p50Ms} | ${r.p99Ms} | ${r.errors + r.non2xx} |`,
  );
  return ["| target | req/s | p50 ms | p99 ms | errors |", "|---|---|---|---|---|", ...rows].join(
    "\n",
  );
}

const children = new Set<ChildProcess>();
// A failed benchmark must not leave servers holding its ports.
process.on("exit", () => {
  for (const child of children) child.kill("SIGKILL");
});

/** Starts a child process and resolves when a line of its output matches `ready`. */
export function startProcess(
  command: string,
  args: string[],
  env: Record<string, string>,
  ready: RegExp,
  timeoutMs = 60_000,
): Promise<{ child: ChildProcess; output: () => string; readyAfterMs: number }> {
  const started = performance.now();
  const child = spawn(command, args, { env: { ...process.env, ...env }, stdio: "pipe" });
  children.add(child);
  child.on("exit", () => children.delete(child));
  let output = "";
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`not ready in time:\n${output}`)), timeoutMs);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (ready.test(output)) {
        clearTimeout(timer);
        // Keep draining the pipes without holding the (possibly huge) request logs in memory.
        child.stdout?.off("data", onData).resume();
        child.stderr?.off("data", onData).resume();
        resolve({ child, output: () => output, readyAfterMs: performance.now() - started });
      }
    };
    child.stdout?.on("data", onData);
    child.stderr?.on("data", onData);
    child.on("exit", (code) => reject(new Error(`exited with ${code}:\n${output}`)));
  });
}

/** User + system CPU milliseconds a process has used so far, all threads (Linux). */
export function cpuMs(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]?.split(" ") ?? [];
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100; // clock ticks of 10 ms
}

/** Resident memory of a process in MB (Linux). */
export function rssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
  return Math.round(kb / 1024);
}

/**
 * Node flags for a benchmarked server: those `npm start` uses, then `BENCH_NODE_FLAGS` (extra
 * flags separated by spaces, e.g. `--trace-gc`; a later flag overrides an earlier one), plus a CPU
 * profile written to `BENCH_CPU_PROF` (a directory) when that variable is set.
 */
export function serverNodeFlags(): string[] {
  const profile = process.env.BENCH_CPU_PROF;
  return [
    "--max-semi-space-size=8",
    ...(process.env.BENCH_NODE_FLAGS?.split(" ").filter(Boolean) ?? []),
    ...(profile ? ["--cpu-prof", `--cpu-prof-dir=${profile}`] : []),
  ];
}
