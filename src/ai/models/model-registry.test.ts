import { generateText, streamText } from "ai";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { startFakeOpenAi, type FakeOpenAiServer } from "../../../test/fakes/openai-server.js";
import type { AppConfig } from "../../config.js";
import { answeredBy, AllProvidersFailedError } from "./fallback-model.js";
import { createModelRegistry, type ModelRegistryOptions } from "./model-registry.js";

let primary: FakeOpenAiServer;
let fallback: FakeOpenAiServer;

beforeEach(async () => {
  primary = await startFakeOpenAi(() => ({ kind: "text", text: "primary says hi" }));
  fallback = await startFakeOpenAi(() => ({ kind: "text", text: "fallback says hi" }));
});
afterEach(async () => {
  await primary.close();
  await fallback.close();
});

function llm(overrides: Partial<AppConfig["llm"]> = {}): AppConfig["llm"] {
  return {
    provider: "openai-compatible",
    primary: { provider: "openai-compatible", model: "main", baseUrl: primary.url, apiKey: "k" },
    fallback: { provider: "ollama", model: "backup", baseUrl: fallback.url, apiKey: undefined },
    offlineFallback: false,
    timeoutMs: 2000,
    maxRetries: 2,
    ...overrides,
  };
}

const fast: ModelRegistryOptions = {
  resilience: { initialDelayMs: 5, maxDelayMs: 20, breakerThreshold: 3, halfOpenAfterMs: 60_000 },
};

describe("model registry", () => {
  it("names the providers, their models and closed circuits", () => {
    const registry = createModelRegistry(llm(), fast);
    expect(registry.providers()).toEqual([
      { name: "openai-compatible", model: "main", circuit: "closed" },
      { name: "ollama", model: "backup", circuit: "closed" },
    ]);
    expect(registry.health().status).toBe("healthy");
  });

  it("answers from the fallback when the primary keeps failing, and records it", async () => {
    primary.setHandler(() => ({ kind: "status", status: 500 }));
    const registry = createModelRegistry(llm(), fast);
    const result = await generateText({ model: registry.model, prompt: "hi", maxRetries: 0 });
    expect(result.text).toBe("fallback says hi");
    expect(answeredBy(result.providerMetadata)).toEqual({ provider: "ollama", model: "backup" });
    expect(primary.requests).toHaveLength(3); // first attempt + 2 retries
  });

  it("retries a 429 and answers from the same provider", async () => {
    primary.enqueue({ kind: "status", status: 429, headers: { "retry-after-ms": "1" } });
    const registry = createModelRegistry(llm(), fast);
    const result = await generateText({ model: registry.model, prompt: "hi", maxRetries: 0 });
    expect(result.text).toBe("primary says hi");
    expect(answeredBy(result.providerMetadata)?.provider).toBe("openai-compatible");
    expect(primary.requests).toHaveLength(2);
    expect(fallback.requests).toHaveLength(0);
  });

  it("does not retry a 400 but moves on to the next provider", async () => {
    primary.setHandler(() => ({ kind: "status", status: 400 }));
    const registry = createModelRegistry(llm(), fast);
    const result = await generateText({ model: registry.model, prompt: "hi", maxRetries: 0 });
    expect(result.text).toBe("fallback says hi");
    expect(primary.requests).toHaveLength(1);
  });

  it("opens the circuit after repeated failures and stops calling the provider", async () => {
    primary.setHandler(() => ({ kind: "status", status: 503 }));
    const registry = createModelRegistry(llm({ maxRetries: 0 }), fast);
    for (let turn = 0; turn < 3; turn++) {
      await generateText({ model: registry.model, prompt: "hi", maxRetries: 0 });
    }
    expect(registry.providers()[0]?.circuit).toBe("open");
    expect(registry.health().status).toBe("degraded");
    const before = primary.requests.length;
    const result = await generateText({ model: registry.model, prompt: "hi", maxRetries: 0 });
    expect(result.text).toBe("fallback says hi");
    expect(primary.requests.length).toBe(before);
  });

  it("gives up on a provider that does not answer within the timeout", async () => {
    primary.setHandler(() => ({ kind: "hang" }));
    const registry = createModelRegistry(llm({ timeoutMs: 150, maxRetries: 0 }), fast);
    const started = Date.now();
    const result = await generateText({ model: registry.model, prompt: "hi", maxRetries: 0 });
    expect(result.text).toBe("fallback says hi");
    expect(Date.now() - started).toBeLessThan(1500);
  });

  it("falls back on a malformed response body", async () => {
    primary.setHandler(() => ({ kind: "malformed" }));
    const registry = createModelRegistry(llm({ maxRetries: 0 }), fast);
    const result = await generateText({ model: registry.model, prompt: "hi", maxRetries: 0 });
    expect(result.text).toBe("fallback says hi");
  });

  it("throws AllProvidersFailedError when every provider fails", async () => {
    primary.setHandler(() => ({ kind: "status", status: 500 }));
    fallback.setHandler(() => ({ kind: "status", status: 502 }));
    const registry = createModelRegistry(llm({ maxRetries: 0 }), fast);
    await expect(
      generateText({ model: registry.model, prompt: "hi", maxRetries: 0 }),
    ).rejects.toBeInstanceOf(AllProvidersFailedError);
  });

  describe("streaming", () => {
    it("falls back before the first token and streams the fallback's answer", async () => {
      primary.setHandler(() => ({ kind: "status", status: 500 }));
      const registry = createModelRegistry(llm({ maxRetries: 1 }), fast);
      const result = streamText({ model: registry.model, prompt: "hi", maxRetries: 0 });
      expect(await result.text).toBe("fallback says hi");
      expect(answeredBy(await result.providerMetadata)?.provider).toBe("ollama");
    });

    it("retries a stream whose connection drops after its headers, before any output", async () => {
      primary.enqueue({ kind: "cut" });
      const registry = createModelRegistry(llm({ maxRetries: 1 }), fast);
      const result = streamText({ model: registry.model, prompt: "hi", maxRetries: 0 });
      expect(await result.text).toBe("primary says hi");
      expect(primary.requests).toHaveLength(2);
      expect(fallback.requests).toHaveLength(0);
    });

    it("falls back when the stream's first chunk is malformed", async () => {
      primary.setHandler(() => ({ kind: "malformed" }));
      const registry = createModelRegistry(llm({ maxRetries: 0 }), fast);
      const result = streamText({ model: registry.model, prompt: "hi", maxRetries: 0 });
      expect(await result.text).toBe("fallback says hi");
    });

    it("ends with an error, not a second answer, when a provider stalls mid-stream", async () => {
      primary.setHandler(() => ({ kind: "stall_after", text: "partial " }));
      const registry = createModelRegistry(llm({ timeoutMs: 200, maxRetries: 0 }), fast);
      const result = streamText({ model: registry.model, prompt: "hi", maxRetries: 0 });
      const parts: string[] = [];
      for await (const part of result.fullStream) parts.push(part.type);
      expect(parts).toContain("error");
      expect(fallback.requests).toHaveLength(0);
    });
  });
});
