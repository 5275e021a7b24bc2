import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { App } from "../../app.js";
import { buildTestApp } from "../../../test/helpers/app.js";
import { testPasswordHasher } from "../../../test/helpers/auth.js";
import { CliUsageError } from "../command.js";
import type { AccountCliDeps } from "./cli-app.js";
import { createKeysCommand } from "./keys.js";
import { createUsersCommand } from "./users.js";

let app: App;

beforeAll(async () => {
  app = await buildTestApp({ overrides: { passwordHasher: testPasswordHasher } });
});
afterAll(async () => {
  await app.close();
});

function fakeDeps(password = "correct horse battery staple") {
  const out: string[] = [];
  const err: string[] = [];
  const deps: AccountCliDeps = {
    openApp: () => Promise.resolve({ app, close: () => Promise.resolve() }),
    readPassword: () => Promise.resolve(password),
    out: (line) => out.push(line),
    err: (line) => err.push(line),
  };
  return { deps, out, err };
}

describe("docket users / keys (in process)", () => {
  it("creates a user who can then sign in, and lists users", async () => {
    const { deps, out } = fakeDeps();
    const code = await createUsersCommand(deps).run(
      ["create", "--email", "Grace@Example.test", "--name", "Grace Hopper"],
      app.config,
    );
    expect(code).toBe(0);
    expect(out.join("\n")).toContain("Created user grace@example.test");

    const signIn = await app.inject({
      method: "POST",
      url: "/api/auth/sign-in/email",
      payload: { email: "grace@example.test", password: "correct horse battery staple" },
    });
    expect(signIn.statusCode).toBe(200);

    const listed = fakeDeps();
    expect(await createUsersCommand(listed.deps).run(["list"], app.config)).toBe(0);
    expect(listed.out.join("\n")).toMatch(/grace@example\.test\s+\S+\s+UTC\s+Grace Hopper/);
  });

  it("refuses duplicates and weak passwords with exit code 1 and a clear message", async () => {
    const first = fakeDeps();
    await createUsersCommand(first.deps).run(
      ["create", "--email", "dup@example.test", "--name", "D"],
      app.config,
    );
    const again = fakeDeps();
    expect(
      await createUsersCommand(again.deps).run(
        ["create", "--email", "dup@example.test", "--name", "D"],
        app.config,
      ),
    ).toBe(1);
    expect(again.err.join("\n")).toContain("already exists");

    for (const weak of ["short", "password123", "x".repeat(129)]) {
      const attempt = fakeDeps(weak);
      expect(
        await createUsersCommand(attempt.deps).run(
          ["create", "--email", "weak@example.test", "--name", "W"],
          app.config,
        ),
      ).toBe(1);
      expect(attempt.err.join("\n")).toMatch(/password/i);
    }
  });

  it("reports bad flags as usage errors (exit code 2 in the CLI)", async () => {
    const { deps } = fakeDeps();
    const users = createUsersCommand(deps);
    await expect(users.run(["create", "--email", "a@example.test"], app.config)).rejects.toThrow(
      CliUsageError,
    );
    await expect(
      users.run(["create", "--email", "not-an-email", "--name", "x"], app.config),
    ).rejects.toThrow(/not a valid email/);
    await expect(users.run(["delete"], app.config)).rejects.toThrow(CliUsageError);
    await expect(users.run(["list", "--bogus"], app.config)).rejects.toThrow(CliUsageError);
    const keys = createKeysCommand(deps);
    await expect(
      keys.run(
        ["create", "--email", "a@example.test", "--name", "k", "--expires-in-days", "0"],
        app.config,
      ),
    ).rejects.toThrow(/expires-in-days/);
    await expect(keys.run(["list"], app.config)).rejects.toThrow(CliUsageError);
  });

  it("creates an API key printed once, which authenticates as that user", async () => {
    const created = fakeDeps();
    await createUsersCommand(created.deps).run(
      ["create", "--email", "keys@example.test", "--name", "K"],
      app.config,
    );
    const { deps, out, err } = fakeDeps();
    const code = await createKeysCommand(deps).run(
      ["create", "--email", "KEYS@example.test", "--name", "ci", "--expires-in-days", "7"],
      app.config,
    );
    expect(code).toBe(0);
    expect(out).toHaveLength(1);
    const key = out[0] ?? "";
    expect(key).toMatch(/^dk_/);
    expect(err.join("\n")).toMatch(/shown only once/);
    const me = await app.inject({ url: "/api/me", headers: { "x-api-key": key } });
    expect(me.json()).toMatchObject({ email: "keys@example.test" });
  });

  it("refuses a key for an unknown email with exit code 1", async () => {
    const { deps, err } = fakeDeps();
    expect(
      await createKeysCommand(deps).run(
        ["create", "--email", "ghost@example.test", "--name", "k"],
        app.config,
      ),
    ).toBe(1);
    expect(err.join("\n")).toContain("no user with the email ghost@example.test");
  });
});

describe("docket CLI (spawned)", () => {
  it("creates a user from a piped password and a key for them, against an embedded database", () => {
    const dataDir = mkdtempSync(join(tmpdir(), "docket-cli-"));
    try {
      const { DATABASE_URL: _database, REDIS_URL: _redis, ...inherited } = process.env;
      const env = { ...inherited, DATA_DIR: dataDir, LOG_LEVEL: "warn", NODE_ENV: "development" };
      const cli = (args: string[], input?: string) =>
        spawnSync(process.execPath, ["--import", "tsx", "src/cli/index.ts", ...args], {
          env,
          input,
          encoding: "utf8",
          timeout: 60_000,
        });
      const created = cli(
        ["users", "create", "--email", "cli@example.test", "--name", "Cli"],
        "a fine long passphrase\n",
      );
      expect(created.stderr).toBe("");
      expect(created.status).toBe(0);
      expect(created.stdout).toContain("Created user cli@example.test");

      const key = cli(["keys", "create", "--email", "cli@example.test", "--name", "laptop"]);
      expect(key.status).toBe(0);
      expect(key.stdout.trim()).toMatch(/^dk_[A-Za-z0-9_-]{32}$/);

      const usage = cli(["keys", "create", "--email", "cli@example.test"]);
      expect(usage.status).toBe(2);
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  }, 120_000);
});
