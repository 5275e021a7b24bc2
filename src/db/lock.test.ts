import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { acquireDataDirLock, DataDirLockedError } from "./lock.js";

describe("data directory lock", () => {
  it("lets one holder in and tells the second who holds it", () => {
    const dir = mkdtempSync(join(tmpdir(), "docket-lock-"));
    const lock = acquireDataDirLock(dir);
    expect(() => acquireDataDirLock(dir)).toThrow(DataDirLockedError);
    expect(() => acquireDataDirLock(dir)).toThrow(new RegExp(`pid ${process.pid}`));
    lock.release();
    acquireDataDirLock(dir).release();
  });

  it("takes over a stale lock left by a process that died", () => {
    const dir = mkdtempSync(join(tmpdir(), "docket-lock-"));
    // PIDs above the kernel's pid_max cannot belong to a live process.
    writeFileSync(join(dir, "docket.lock"), "4194305");
    const lock = acquireDataDirLock(dir);
    lock.release();
  });
});
