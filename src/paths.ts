import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

function findProjectRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, "package.json"))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error("Cannot find the Docket package root");
    dir = parent;
  }
  return dir;
}

/** The package root, the same from `src/` (tsx) and from `dist/src/` (compiled). */
export const PROJECT_ROOT = findProjectRoot();

/** Committed SQL migrations. */
export const MIGRATIONS_DIR = join(PROJECT_ROOT, "migrations");

/** The built web UI. */
export const WEB_DIST_DIR = join(PROJECT_ROOT, "dist", "web");
