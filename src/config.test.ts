import { mkdtempSync, readFileSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "./config.js";

function problemsOf(env: Record<string, string>): string[] {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
}

describe("loadConfig", () => {
  it("defaults to the embedded, offline, zero-setup mode", () => {
    const dataDir = mkdtempSync(join(tmpdir(), "docket-config-"));
    const config = loadConfig({ DATA_DIR: dataDir });
    expect(config.server.port).toBe(8000);
    expect(config.server.host).toBe("0.0.0.0");
    expect(config.database.url).toBeUndefined();
    expect(config.redis.url).toBeUndefined();
    expect(config.llm.provider).toBe("offline");
    expect(config.llm.offlineFallback).toBe(true);
    expect(config.server.rateLimitPerMinute).toBe(100);
    expect(config.documents.maxBytes).toBe(20 * 1024 * 1024);
  });

  it("names every invalid variable in its own message", () => {
    const problems = problemsOf({
      PORT: "eighty",
      LOG_LEVEL: "loud",
      DATABASE_URL: "mysql://localhost/db",
      REDIS_URL: "http://localhost",
      LLM_PROVIDER: "skynet",
      ALLOWED_ORIGINS: "https://ok.example, not a url",
    });
    for (const name of [
      "PORT",
      "LOG_LEVEL",
      "DATABASE_URL",
      "REDIS_URL",
      "LLM_PROVIDER",
      "ALLOWED_ORIGINS",
    ]) {
      expect(problems.some((problem) => problem.startsWith(name))).toBe(true);
    }
    expect(problems.find((p) => p.startsWith("PORT"))).toContain('"eighty"');
  });

  it("refuses to start in production without a strong secret", () => {
    expect(problemsOf({ NODE_ENV: "production" })[0]).toMatch(/BETTER_AUTH_SECRET: required/);
    expect(problemsOf({ NODE_ENV: "production", BETTER_AUTH_SECRET: "short" })[0]).toMatch(
      /at least 32/,
    );
    expect(
      problemsOf({
        NODE_ENV: "production",
        BETTER_AUTH_SECRET: "CHANGEME-please-change-me-0123456789",
      })[0],
    ).toMatch(/placeholder/);
    const strong = "k3Jx9vQ2mZ8pL5tR1wY7aB4cD6eF0gH2iJ";
    expect(loadConfig({ NODE_ENV: "production", BETTER_AUTH_SECRET: strong }).auth.secret).toBe(
      strong,
    );
  });

  it("generates a development secret once and keeps it private in DATA_DIR", () => {
    const dataDir = mkdtempSync(join(tmpdir(), "docket-secret-"));
    const first = loadConfig({ DATA_DIR: dataDir }).auth.secret;
    const second = loadConfig({ DATA_DIR: dataDir }).auth.secret;
    expect(first.length).toBeGreaterThanOrEqual(32);
    expect(second).toBe(first);
    const file = join(dataDir, ".auth-secret");
    expect(readFileSync(file, "utf8").trim()).toBe(first);
    expect(statSync(file).mode & 0o077).toBe(0);
  });

  it("requires credentials for hosted LLM providers and a base URL for compatible servers", () => {
    expect(problemsOf({ DATA_DIR: "memory://", LLM_PROVIDER: "openai" })).toEqual([
      'LLM_API_KEY: required for provider "openai"',
    ]);
    expect(
      problemsOf({ DATA_DIR: "memory://", LLM_PROVIDER: "openai-compatible", LLM_MODEL: "x" }),
    ).toEqual(['LLM_BASE_URL: required for provider "openai-compatible"']);
    const groq = loadConfig({ DATA_DIR: "memory://", LLM_PROVIDER: "groq", GROQ_API_KEY: "gsk_1" });
    expect(groq.llm.primary).toMatchObject({ provider: "groq", apiKey: "gsk_1" });
  });

  it("parses booleans and comma-separated origins", () => {
    const config = loadConfig({
      DATA_DIR: "memory://",
      LLM_OFFLINE_FALLBACK: "false",
      ALLOWED_ORIGINS: "https://a.example/, http://localhost:5173",
    });
    expect(config.llm.offlineFallback).toBe(false);
    expect(config.server.allowedOrigins).toEqual(["https://a.example", "http://localhost:5173"]);
  });
});

describe(".env.example", () => {
  it("documents every variable the schema reads", async () => {
    const { readFile } = await import("node:fs/promises");
    const { envSchema } = await import("./config.js");
    const example = await readFile(new URL("../.env.example", import.meta.url), "utf8");
    const documented = new Set(
      [...example.matchAll(/^#?\s*([A-Z][A-Z0-9_]+)=/gm)].map((m) => m[1]),
    );
    const missing = Object.keys(envSchema.shape).filter((name) => !documented.has(name));
    expect(missing).toEqual([]);
  });
});
