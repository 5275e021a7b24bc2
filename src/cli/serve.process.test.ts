import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { startCli, waitForOutput as waitFor } from "../../test/helpers/cli.js";

describe("the docket process", () => {
  it("refuses a second process on the same data directory and stops cleanly on SIGTERM", async () => {
    const dataDir = mkdtempSync(join(tmpdir(), "docket-proc-"));
    const env = { DATA_DIR: dataDir, PORT: "0", HOST: "127.0.0.1" };
    const first = startCli(["serve"], env);
    try {
      await waitFor(first, /docket is ready/);
      const line =
        first
          .output()
          .split("\n")
          .find((l) => l.includes("docket is ready")) ?? "";
      const { address } = JSON.parse(line) as { address: string };
      expect((await fetch(`${address}/health`)).status).toBe(200);

      const second = startCli(["serve"], env);
      expect(await second.exited).toBe(1);
      expect(second.output()).toMatch(/in use by another Docket process \(pid \d+\)/);
      expect(second.output()).not.toMatch(/\n\s+at /);

      first.child.kill("SIGTERM");
      expect(await first.exited).toBe(0);
      expect(first.output()).toContain("shutdown complete");
    } finally {
      first.child.kill("SIGKILL");
    }
  }, 90_000);

  it("stops at start with one line per invalid variable and no stack trace", async () => {
    const run = startCli(["serve"], { PORT: "eighty", LOG_FORMAT: "xml", DATA_DIR: "memory://" });
    expect(await run.exited).toBe(1);
    expect(run.output()).toMatch(/PORT: .*"eighty"/);
    expect(run.output()).toMatch(/LOG_FORMAT: /);
    expect(run.output()).not.toMatch(/\n\s+at /);
  }, 60_000);

  it("reports migration status and applies migrations from the CLI", async () => {
    const dataDir = mkdtempSync(join(tmpdir(), "docket-migrate-"));
    const status = startCli(["migrate", "status"], { DATA_DIR: dataDir });
    expect(await status.exited).toBe(0);
    expect(status.output()).toMatch(/pending\s+0000_initial/);
    const up = startCli(["migrate", "up"], { DATA_DIR: dataDir });
    expect(await up.exited).toBe(0);
    expect(up.output()).toMatch(/applied\s+0000_initial/);
    expect(up.output()).toMatch(/0 pending/);
  }, 90_000);
});
