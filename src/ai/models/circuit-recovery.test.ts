import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { App } from "../../app.js";
import { startFakeOpenAi, type FakeOpenAiServer } from "../../../test/fakes/openai-server.js";
import { testConfig } from "../../../test/helpers/app.js";
import { signUp, type TestUser } from "../../../test/helpers/auth.js";
import { buildChatApp, fakeLlmEnv } from "../../../test/helpers/chat.js";
import { createModelRegistry } from "./model-registry.js";

/*
 * The LLM circuit breaker through the whole app: it opens after consecutive failures, shows in
 * /health/detailed, and after the half-open delay one successful call closes it again. The
 * registry is injected through the chat override seam with a short half-open delay; the
 * production defaults (5 failures, 30 s) are untouched.
 */

const HALF_OPEN_AFTER_MS = 300;
const THRESHOLD = 2;

let primary: FakeOpenAiServer;
let fallback: FakeOpenAiServer;
let app: App;
let user: TestUser;

const answer = (text: string) => () => ({ kind: "text" as const, text });
const broken = () => ({ kind: "status" as const, status: 502 });
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

interface LlmHealth {
  status: string;
  providers: { name: string; circuit: string }[];
}

async function llmHealth(): Promise<LlmHealth> {
  const response = await app.inject({ method: "GET", url: "/health/detailed" });
  return response.json<{ dependencies: { llm: LlmHealth } }>().dependencies.llm;
}

function postChat() {
  return app.inject({
    method: "POST",
    url: "/api/chat",
    headers: user.headers,
    payload: { message: "hello" },
  });
}

async function chat(): Promise<{ provider: string; response: string }> {
  const response = await postChat();
  expect(response.statusCode).toBe(200);
  return response.json<{ provider: string; response: string }>();
}

/** Fails the primary until its circuit opens (the fallback answers meanwhile). */
async function openPrimaryCircuit(): Promise<void> {
  primary.setHandler(broken);
  for (let turn = 0; turn < THRESHOLD; turn++) {
    expect((await chat()).provider).toBe("openai-compatible-fallback");
  }
}

beforeAll(async () => {
  primary = await startFakeOpenAi(answer("primary answer"));
  fallback = await startFakeOpenAi(answer("fallback answer"));
  const env = fakeLlmEnv(primary.url, fallback.url);
  const models = createModelRegistry(testConfig(env).llm, {
    resilience: { breakerThreshold: THRESHOLD, halfOpenAfterMs: HALF_OPEN_AFTER_MS },
  });
  app = await buildChatApp(env, { chat: { models } });
  user = await signUp(app);
});
afterAll(async () => {
  await app.close();
  await primary.close();
  await fallback.close();
});
beforeEach(() => {
  primary.setHandler(answer("primary answer"));
  fallback.setHandler(answer("fallback answer"));
});

describe("LLM circuit breaker", () => {
  it("opens, shows as open, then closes after the half-open delay on a successful call", async () => {
    expect((await llmHealth()).providers[0]).toMatchObject({ circuit: "closed" });
    await openPrimaryCircuit();

    const open = await llmHealth();
    expect(open.status).toBe("degraded");
    expect(open.providers[0]).toMatchObject({ name: "openai-compatible", circuit: "open" });
    expect(open.providers[1]).toMatchObject({ circuit: "closed" });

    // The provider is healthy again, but while open it is not even tried.
    primary.setHandler(answer("primary is back"));
    const calls = primary.requests.length;
    expect((await chat()).provider).toBe("openai-compatible-fallback");
    expect(primary.requests.length).toBe(calls);

    await sleep(HALF_OPEN_AFTER_MS + 100);
    const recovered = await chat();
    expect(recovered).toMatchObject({ provider: "openai-compatible", response: "primary is back" });
    expect(primary.requests.length).toBe(calls + 1);

    const closed = await llmHealth();
    expect(closed.status).toBe("healthy");
    expect(closed.providers.map((p) => p.circuit)).toEqual(["closed", "closed"]);
  });

  it("opens again at once when the half-open trial call fails", async () => {
    await openPrimaryCircuit();
    await sleep(HALF_OPEN_AFTER_MS + 100);
    const calls = primary.requests.length;
    // Still broken: the single trial call fails and the fallback answers the turn.
    expect((await chat()).provider).toBe("openai-compatible-fallback");
    expect(primary.requests.length).toBe(calls + 1);
    expect((await llmHealth()).providers[0]).toMatchObject({ circuit: "open" });

    // No second trial before the delay has passed again.
    expect((await chat()).provider).toBe("openai-compatible-fallback");
    expect(primary.requests.length).toBe(calls + 1);
  });

  it("reports unhealthy while every provider's circuit is open, and the turn is refused", async () => {
    primary.setHandler(broken);
    fallback.setHandler(broken);
    for (let turn = 0; turn < THRESHOLD + 1; turn++) {
      const refused = await postChat();
      expect(refused.statusCode).toBe(503);
      expect(refused.headers["content-type"]).toContain("application/problem+json");
    }
    const down = await llmHealth();
    expect(down.providers.map((p) => p.circuit)).toEqual(["open", "open"]);
    expect(down.status).toBe("unhealthy");

    primary.setHandler(answer("primary answer"));
    fallback.setHandler(answer("fallback answer"));
    await sleep(HALF_OPEN_AFTER_MS + 100);
    expect((await chat()).provider).toBe("openai-compatible");
    expect((await llmHealth()).status).not.toBe("unhealthy");
  });
});
