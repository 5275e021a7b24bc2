import { setFlagsFromString } from "node:v8";

/**
 * V8's per-function budget before WebAssembly code is recompiled by the optimising compiler;
 * V8's default is 1,800,000.
 */
const TIERING_BUDGET = 1_800_000_000;

let applied = false;

/**
 * Makes V8 optimise only PGlite functions that stay hot, not everything PostgreSQL runs once at
 * start (boot, catalog loads, migrations). With V8's default budget the optimising compiler's
 * work on that start-up code leaves ~50 MB resident in an idle server (idle RSS of the embedded
 * server 240 → 190 MB); under sustained load the hot functions are optimised as before. Must run
 * before the first WebAssembly module is compiled, as V8 reads the flag when it compiles one. The
 * flag is process-wide; PGlite is the only WebAssembly Docket runs.
 */
export function deferWasmTierUp(): void {
  if (applied) return;
  applied = true;
  setFlagsFromString(`--wasm-tiering-budget=${String(TIERING_BUDGET)}`);
}
