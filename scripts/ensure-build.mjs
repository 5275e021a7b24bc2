// Builds the server and the web UI when their output is missing or older than the sources,
// so `npm install && npm start` works on a fresh clone.
import { execSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";

const root = new URL("..", import.meta.url).pathname;

function newest(dir) {
  if (!existsSync(dir)) return 0;
  let latest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === "node_modules" || entry.name === "dist") continue;
    const path = join(dir, entry.name);
    latest = Math.max(latest, entry.isDirectory() ? newest(path) : statSync(path).mtimeMs);
  }
  return latest;
}

function stamp(path) {
  return existsSync(path) ? statSync(path).mtimeMs : 0;
}

function run(label, command) {
  process.stdout.write(`docket: ${label}...\n`);
  execSync(command, { cwd: root, stdio: "inherit" });
}

const serverOut = join(root, "dist/src/cli/index.js");
const serverInputs = Math.max(newest(join(root, "src")), stamp(join(root, "package.json")));
if (stamp(serverOut) < serverInputs) run("building the server", "npm run --silent build:server");

const webDir = join(root, "web");
const webOut = join(root, "dist/web/index.html");
if (existsSync(webDir) && stamp(webOut) < newest(webDir))
  run("building the web UI", "npm run --silent build:web");
