#!/usr/bin/env node
// Runs the compiled CLI; `npm run build` (or `npm start`) produces it.
import("../dist/src/cli/index.js").catch((error) => {
  console.error("docket: the build is missing; run `npm run build` first.", error?.message ?? "");
  process.exit(1);
});
