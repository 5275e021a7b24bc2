import { Writable } from "node:stream";
import { DrizzleQueryError } from "drizzle-orm/errors";
import { pino } from "pino";
import { describe, expect, it } from "vitest";
import { buildTestApp } from "../../test/helpers/app.js";
import { hashUserId, loggerOptions, redactSecrets, requestIdFrom } from "./logging.js";

function capture() {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(...chunk.toString().split("\n").filter(Boolean));
      done();
    },
  });
  return { lines, stream };
}

describe("logging", () => {
  it("redacts credentials, secrets and emails wherever they appear", () => {
    const { lines, stream } = capture();
    const options = loggerOptions({ log: { level: "info", format: "json" } });
    const log = pino(options, stream);
    log.info(
      {
        req: {
          headers: {
            authorization: "Bearer dk_live_secret",
            cookie: "session=abc",
            "x-api-key": "dk_x",
          },
        },
        user: { email: "ada@example.com", password: "hunter22", token: "tok_1" },
        apiKey: "dk_top",
      },
      "sign-in attempt",
    );
    const line = lines.join("\n");
    for (const secret of [
      "dk_live_secret",
      "session=abc",
      "dk_x",
      "ada@example.com",
      "hunter22",
      "tok_1",
      "dk_top",
    ]) {
      expect(line).not.toContain(secret);
    }
    expect(line).toContain("[REDACTED]");
    expect(JSON.parse(lines[0]!)).toMatchObject({ level: "info", msg: "sign-in attempt" });
  });

  it("never changes the logged objects, keeps errors readable and passes clean lines through", () => {
    const { lines, stream } = capture();
    const log = pino(loggerOptions({ log: { level: "info", format: "json" } }), stream);
    const user = { id: "u1", email: "ada@example.com" };
    const headers = { Authorization: "Bearer dk_secret", "content-type": "application/json" };
    const failure = Object.assign(new Error("sign-in failed"), { email: "bob@example.com" });
    log.info(
      { user, headers, err: failure, secret: "s3cr3t", nested: { deeper: { kept: 1 } } },
      "x",
    );
    const entry = JSON.parse(lines[0]!) as Record<string, Record<string, unknown>>;
    expect(entry.user).toEqual({ id: "u1", email: "[REDACTED]" });
    expect(entry.headers).toEqual({
      Authorization: "[REDACTED]",
      "content-type": "application/json",
    });
    expect(entry.secret).toBe("[REDACTED]");
    expect(entry.err).toMatchObject({ message: "sign-in failed", email: "[REDACTED]" });
    expect(entry.err!.stack).toContain("sign-in failed");
    expect(entry.nested).toEqual({ deeper: { kept: 1 } });
    // The caller's objects are untouched.
    expect(user.email).toBe("ada@example.com");
    expect(headers.Authorization).toBe("Bearer dk_secret");
    expect(failure.email).toBe("bob@example.com");

    const clean = { method: "GET", url: "/api/tasks", status: 200 };
    expect(redactSecrets(clean)).toBe(clean);
  });

  it("censors arrays of objects and a failed query's parameters, keeping the error's cause", () => {
    const { lines, stream } = capture();
    const log = pino(loggerOptions({ log: { level: "info", format: "json" } }), stream);
    const cause = new Error("duplicate key value violates unique constraint");
    const failed = new DrizzleQueryError(
      'insert into "user" ("email", "name") values ($1, $2)',
      ["bob@example.com", "Bob"],
      cause,
    );
    log.error({ err: failed, args: [{ email: "eve@example.com", id: 1 }, "note"] }, "x");
    const line = lines.join("\n");
    for (const secret of ["bob@example.com", "eve@example.com"]) {
      expect(line).not.toContain(secret);
    }
    const entry = JSON.parse(lines[0]!) as Record<string, Record<string, unknown>>;
    expect(entry.err!.message).toContain('insert into "user"');
    expect(entry.err!.message).toContain("params: [REDACTED]");
    // The cause survives the copy: pino chains its message and stack.
    expect(entry.err!.message).toContain("duplicate key value");
    expect(entry.err!.stack).toContain("caused by");
    expect(entry.args).toEqual([{ email: "[REDACTED]", id: 1 }, "note"]);
    expect(failed.params).toEqual(["bob@example.com", "Bob"]);
  });

  it("writes one JSON line per request with its request id, and never the credentials", async () => {
    const { lines, stream } = capture();
    const logger = pino(loggerOptions({ log: { level: "info", format: "json" } }), stream);
    const app = await buildTestApp({ overrides: { logger } });
    try {
      await app.inject({
        url: "/health/db?token=abc",
        headers: { "x-request-id": "req-42", authorization: "Bearer dk_secret_key" },
      });
      const entries = lines.map((line) => JSON.parse(line) as Record<string, unknown>);
      const completed = entries.filter((entry) => entry.msg === "request completed");
      expect(completed).toHaveLength(1);
      expect(completed[0]).toMatchObject({
        request_id: "req-42",
        status: 200,
        url: "/health/db",
      });
      expect(lines.join("\n")).not.toContain("dk_secret_key");
      // Successful probes are not logged: they would drown the log every few seconds.
      await app.inject({ url: "/livez" });
      expect(lines.filter((line) => line.includes("request completed"))).toHaveLength(1);
    } finally {
      await app.close();
    }
  });

  it("hashes user ids and validates incoming request ids", () => {
    expect(hashUserId("user-1")).toHaveLength(12);
    expect(hashUserId("user-1")).toBe(hashUserId("user-1"));
    expect(hashUserId("user-1")).not.toContain("user-1");
    expect(requestIdFrom("trace.id:1-a_b")).toBe("trace.id:1-a_b");
    expect(requestIdFrom("x".repeat(200))).not.toBe("x".repeat(200));
  });
});
