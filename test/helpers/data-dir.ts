import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { buildApp, type App } from "../../src/app.js";
import { pino } from "pino";
import { testConfig } from "./app.js";
import { signUp, testPasswordHasher, type TestUser } from "./auth.js";

/** Opens the real app on an on-disk PGlite directory (closing it frees the directory lock). */
export async function openDataDir(dataDir: string): Promise<App> {
  return buildApp(testConfig({ DATA_DIR: dataDir }), {
    passwordHasher: testPasswordHasher,
    logger: pino({ level: "silent" }),
    webUi: false,
  });
}

/** A fresh on-disk DATA_DIR holding one signed-up user, released for a CLI process to open. */
export async function dataDirWithUser(
  prefix: string,
  timezone = "UTC",
): Promise<{ dataDir: string; user: TestUser }> {
  const dataDir = mkdtempSync(join(tmpdir(), prefix));
  const app = await openDataDir(dataDir);
  try {
    const user = await signUp(app, { timezone });
    return { dataDir, user };
  } finally {
    await app.close();
  }
}
