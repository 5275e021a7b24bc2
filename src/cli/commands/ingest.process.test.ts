import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import type { TestUser } from "../../../test/helpers/auth.js";
import { startCli } from "../../../test/helpers/cli.js";
import { dataDirWithUser, openDataDir } from "../../../test/helpers/data-dir.js";

/** `docket ingest` as an operator runs it: a child process on a real on-disk PGlite. */

let dataDir: string;
let owner: TestUser;
let folder: string;

beforeAll(async () => {
  ({ dataDir, user: owner } = await dataDirWithUser("docket-ingest-"));
  folder = mkdtempSync(join(tmpdir(), "docket-ingest-files-"));
  writeFileSync(
    join(folder, "notes.md"),
    "# Garden notes\n\nThe quokkasaurus hedge needs pruning every **spring**.\n",
  );
  writeFileSync(
    join(folder, "page.html"),
    "<html><head><title>Boiler manual</title><script>var wombatcode = 1;</script></head>" +
      "<body><h1>Boiler</h1><p>Bleed the bandicootery radiator before winter.</p></body></html>",
  );
  writeFileSync(join(folder, "empty.txt"), "");
  writeFileSync(join(folder, "tool.exe"), Buffer.from([0x4d, 0x5a, 0x90, 0x00, 0x03, 0x00]));
  writeFileSync(join(folder, "report.docx"), Buffer.from([0x50, 0x4b, 0x03, 0x04]));
}, 60_000);

async function ingest(args: string[]) {
  const run = startCli(["ingest", ...args], { DATA_DIR: dataDir });
  const code = await run.exited;
  return { code, stdout: run.stdout(), stderr: run.stderr() };
}

async function withApp<T>(
  use: (get: (url: string) => Promise<{ status: number; body: unknown }>) => Promise<T>,
): Promise<T> {
  const app = await openDataDir(dataDir);
  try {
    return await use(async (url) => {
      const response = await app.inject({ method: "GET", url, headers: owner.headers });
      return { status: response.statusCode, body: response.json() };
    });
  } finally {
    await app.close();
  }
}

describe("docket ingest", () => {
  it("ingests the supported files, reports each failure with its reason, exits 1", async () => {
    // The folder is walked (tool.exe and report.docx are not picked up); naming tool.exe
    // explicitly tries it, and the summary says what the walk left out.
    const first = await ingest([folder, join(folder, "tool.exe"), "--email", owner.email]);
    expect(first.stdout).toContain(
      "2 ingested, 0 skipped (unchanged), 2 failed, 1 not supported (1 .docx) left out",
    );
    expect(first.stdout).toMatch(/empty\.txt: The document is empty\./);
    expect(first.stdout).toMatch(/tool\.exe: .*not supported/);
    expect(first.code).toBe(1);
  }, 90_000);

  it("skips everything unchanged on a second run and stores nothing twice", async () => {
    const again = await ingest([folder, join(folder, "tool.exe"), "--email", owner.email]);
    expect(again.stdout).toContain("0 ingested, 2 skipped (unchanged), 2 failed");

    const documents = await withApp(async (get) => {
      const listed = await get("/api/documents");
      expect(listed.status).toBe(200);
      return (listed.body as { documents: { title: string; status: string }[] }).documents;
    });
    expect(documents).toHaveLength(2);
    expect(documents.every((d) => d.status === "ready")).toBe(true);
  }, 90_000);

  it("makes the content searchable for the owner (text, not markup or scripts)", async () => {
    await withApp(async (get) => {
      type Results = { results: { document_title: string; text: string }[] };
      const garden = (await get("/api/search?q=quokkasaurus")).body as Results;
      expect(garden.results.length).toBeGreaterThan(0);
      expect(garden.results[0]?.text).toContain("quokkasaurus hedge");

      const boiler = (await get("/api/search?q=bandicootery")).body as Results;
      expect(boiler.results.length).toBeGreaterThan(0);
      expect(boiler.results[0]?.text).not.toContain("<p>");

      const script = (await get("/api/search?q=wombatcode")).body as Results;
      expect(script.results).toEqual([]);
    });
  }, 90_000);

  it("refuses an unknown owner (exit 1) and a missing path (exit 2) without a stack trace", async () => {
    const nobody = await ingest([folder, "--email", "nobody@example.test"]);
    expect(nobody.code).toBe(1);
    expect(nobody.stderr).toContain("no user with email nobody@example.test");

    const missing = await ingest([join(folder, "nope.md"), "--email", owner.email]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/no such file or directory/i);
    expect(missing.stderr).not.toMatch(/\n\s+at /);
  }, 90_000);
});
