import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startFakeOpenAi, type FakeOpenAiServer } from "../../../test/fakes/openai-server.js";
import { signUp } from "../../../test/helpers/auth.js";
import { buildChatApp, fakeLlmEnv } from "../../../test/helpers/chat.js";
import { TEST_DATABASE_URL } from "../../../test/helpers/env.js";
import { createTestDatabase, type TestDatabase } from "../../../test/helpers/postgres.js";

let primary: FakeOpenAiServer;
let fallback: FakeOpenAiServer;

beforeAll(async () => {
  primary = await startFakeOpenAi(() => ({ kind: "text", text: "primary answer" }));
  fallback = await startFakeOpenAi(() => ({ kind: "text", text: "fallback answer" }));
});
afterAll(async () => {
  await primary.close();
  await fallback.close();
});

describe("persistence", () => {
  it("continues a conversation after the server restarts on the same database", async () => {
    // The same database for both app instances: a data directory (PGlite) or a PostgreSQL db.
    let database: TestDatabase | undefined;
    const dataDir = mkdtempSync(join(tmpdir(), "docket-chat-"));
    const storage: Record<string, string> = TEST_DATABASE_URL
      ? { DATABASE_URL: (database = await createTestDatabase(TEST_DATABASE_URL)).url }
      : { DATA_DIR: dataDir };
    try {
      const env = { ...fakeLlmEnv(primary.url), ...storage };
      const first = await buildChatApp(env);
      const user = await signUp(first);
      const reply = await first.inject({
        method: "POST",
        url: "/api/chat",
        headers: user.headers,
        payload: { message: "remember the blue door" },
      });
      const conversationId = reply.json<{ conversation_id: string }>().conversation_id;
      await first.close();

      const second = await buildChatApp(env);
      try {
        const next = await second.inject({
          method: "POST",
          url: "/api/chat",
          headers: user.headers,
          payload: { message: "which door?", conversation_id: conversationId },
        });
        expect(next.statusCode).toBe(200);
        const history = primary.requests.at(-1)!.body.messages!;
        expect(history.map((message) => message.role)).toEqual([
          "system",
          "user",
          "assistant",
          "user",
        ]);
        expect(JSON.stringify(history[1])).toContain("remember the blue door");
        const stored = await second.inject({
          method: "GET",
          url: `/api/conversations/${conversationId}`,
          headers: user.headers,
        });
        expect(stored.json<{ messages: unknown[] }>().messages).toHaveLength(4);
      } finally {
        await second.close();
      }
    } finally {
      await database?.drop();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});

describe("timeouts", () => {
  it("moves on to the fallback when the primary answers slower than LLM_TIMEOUT_MS", async () => {
    primary.setHandler(() => ({ kind: "text", text: "too late", delayMs: 2000 }));
    const app = await buildChatApp(
      fakeLlmEnv(primary.url, fallback.url, { LLM_TIMEOUT_MS: "300" }),
    );
    try {
      const user = await signUp(app);
      const started = Date.now();
      const response = await app.inject({
        method: "POST",
        url: "/api/chat",
        headers: user.headers,
        payload: { message: "hello" },
      });
      expect(response.json()).toMatchObject({
        response: "fallback answer",
        provider: "openai-compatible-fallback",
      });
      expect(Date.now() - started).toBeLessThan(1500);
    } finally {
      await app.close();
    }
  });
});
