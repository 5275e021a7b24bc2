import { execFileSync } from "node:child_process";
import { mkdirSync } from "node:fs";
import { SCREENSHOT_DIR } from "./paths.js";

/** Builds the server and the web UI when stale, once for the whole run. */
export default function setup(): void {
  execFileSync(process.execPath, ["scripts/ensure-build.mjs"], { stdio: "inherit" });
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
}
