import type { App, AppOverrides } from "../../src/app.js";
import { buildTestApp } from "./app.js";
import { testPasswordHasher } from "./auth.js";

/** Environment for a chat app whose primary (and optional fallback) are fake servers. */
export function fakeLlmEnv(
  primaryUrl: string,
  fallbackUrl?: string,
  extra: Record<string, string> = {},
): Record<string, string> {
  return {
    LLM_PROVIDER: "openai-compatible",
    LLM_BASE_URL: primaryUrl,
    LLM_MODEL: "main-model",
    ...(fallbackUrl
      ? {
          LLM_FALLBACK_PROVIDER: "openai-compatible",
          LLM_FALLBACK_BASE_URL: fallbackUrl,
          LLM_FALLBACK_MODEL: "backup-model",
        }
      : {}),
    LLM_OFFLINE_FALLBACK: "false",
    LLM_MAX_RETRIES: "0",
    LLM_TIMEOUT_MS: "3000",
    ...extra,
  };
}

/** Builds the test app with the cheap password hasher and the given environment. */
export async function buildChatApp(
  env: Record<string, string>,
  overrides: AppOverrides = {},
): Promise<App> {
  return buildTestApp({ env, overrides: { passwordHasher: testPasswordHasher, ...overrides } });
}

/** One parsed chunk of an AI SDK UI message stream. */
export type UiChunk = { type: string } & Record<string, unknown>;

/** Parses an SSE body of a UI message stream into its JSON chunks (`[DONE]` dropped). */
export function parseUiStream(body: string): UiChunk[] {
  return body
    .split("\n\n")
    .map((event) => event.trim())
    .filter((event) => event.startsWith("data: ") && event !== "data: [DONE]")
    .map((event) => JSON.parse(event.slice("data: ".length)) as UiChunk);
}

/** Polls `check` until it returns a value (not undefined) or the time runs out. */
export async function eventually<T>(
  check: () => Promise<T | undefined>,
  timeoutMs = 5000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error("condition not met in time");
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
