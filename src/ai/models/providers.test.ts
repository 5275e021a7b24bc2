import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { gzipSync } from "node:zlib";
import { APICallError, type LanguageModelV3StreamPart } from "@ai-sdk/provider";
import { generateText, streamText } from "ai";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { startFakeOpenAi, type FakeOpenAiServer } from "../../../test/fakes/openai-server.js";
import { startTcpProxy, type TcpProxy } from "../../../test/helpers/tcp-proxy.js";
import type { LlmEndpointConfig } from "../../config.js";
import { answeredBy } from "./fallback-model.js";
import { httpFetch } from "./http-fetch.js";
import { createModelRegistry } from "./model-registry.js";
import { createEndpointModel } from "./providers.js";
import { createResilientModel, isTransientFailure } from "./resilient-model.js";

/*
 * Provider calls through the AI SDK with the default fetch (`httpFetch`): what reaches the
 * provider, answers streamed as they come, and network failures that the resilient model retries
 * and the chain falls back on.
 */

let provider: FakeOpenAiServer;
const cleanups: (() => Promise<void>)[] = [];

beforeEach(async () => {
  provider = await startFakeOpenAi(() => ({ kind: "text", text: "hello from the provider" }));
  cleanups.push(() => provider.close());
});
afterEach(async () => {
  await Promise.all(cleanups.splice(0).map((cleanup) => cleanup()));
});

function endpoint(baseUrl: string, apiKey = "sk-test"): LlmEndpointConfig {
  return { provider: "openai-compatible", model: "main-model", baseUrl, apiKey };
}

const prompt = [{ role: "user" as const, content: [{ type: "text" as const, text: "hi" }] }];

/** What a call rejected with (fails the test if it did not). */
async function failureOf(call: PromiseLike<unknown>): Promise<unknown> {
  try {
    await call;
  } catch (error) {
    return error;
  }
  throw new Error("the call succeeded");
}

/** A URL where nothing listens: connections to it are refused. */
async function refusedUrl(): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return `http://127.0.0.1:${port}/v1`;
}

describe("provider calls", () => {
  it("send the API key, the model and the messages, and ask for no compression", async () => {
    const result = await generateText({
      model: createEndpointModel(endpoint(provider.url)),
      prompt: "what is on my list?",
      maxRetries: 0,
    });
    expect(result.text).toBe("hello from the provider");
    const [request] = provider.requests;
    expect(request?.path).toBe("/v1/chat/completions");
    expect(request?.headers).toMatchObject({
      authorization: "Bearer sk-test",
      "content-type": "application/json",
    });
    expect(request?.headers["accept-encoding"]).toBeUndefined();
    expect(request?.body.model).toBe("main-model");
    expect(request?.body.messages).toEqual([{ role: "user", content: "what is on my list?" }]);
  });

  it("use a fetch the caller gives instead", async () => {
    const urls: string[] = [];
    const model = createEndpointModel(endpoint(provider.url), {
      fetch: (input, init) => {
        urls.push(input instanceof Request ? input.url : input.toString());
        return globalThis.fetch(input, init);
      },
    });
    await generateText({ model, prompt: "hi", maxRetries: 0 });
    expect(urls).toEqual([`${provider.url}/chat/completions`]);
  });

  it("stream the answer while the provider is still sending it", async () => {
    provider.setHandler(() => ({ kind: "stall_after", text: "first words " })); // never ends
    const controller = new AbortController();
    const { stream } = await createEndpointModel(endpoint(provider.url)).doStream({
      prompt,
      abortSignal: controller.signal,
    });
    const reader = stream.getReader();
    let part: LanguageModelV3StreamPart | undefined;
    do part = (await reader.read()).value;
    while (part && part.type !== "text-delta");
    expect(part).toMatchObject({ type: "text-delta", delta: "first words " });
    controller.abort();
  });

  it("report a provider's 4xx with its status and headers", async () => {
    provider.enqueue({
      kind: "status",
      status: 401,
      body: { error: { message: "invalid api key" } },
      headers: { "x-request-id": "req_123" },
    });
    const model = createEndpointModel(endpoint(provider.url, "wrong"));
    const error = await failureOf(model.doGenerate({ prompt }));
    expect(APICallError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({
      statusCode: 401,
      message: "invalid api key",
      responseHeaders: { "x-request-id": "req_123" },
    });
    expect(isTransientFailure(error)).toBe(false);
  });

  it("read an answer the provider gzipped without being asked", async () => {
    const server = createServer((_request, response) => {
      const body = {
        id: "c1",
        object: "chat.completion",
        created: 0,
        model: "main-model",
        choices: [
          { index: 0, message: { role: "assistant", content: "unzipped" }, finish_reason: "stop" },
        ],
      };
      response.writeHead(200, { "content-type": "application/json", "content-encoding": "gzip" });
      response.end(gzipSync(JSON.stringify(body)));
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    cleanups.push(() => new Promise((resolve) => server.close(() => resolve())));
    const { port } = server.address() as AddressInfo;
    const model = createEndpointModel(endpoint(`http://127.0.0.1:${port}/v1`));
    const result = await generateText({ model, prompt: "hi", maxRetries: 0 });
    expect(result.text).toBe("unzipped");
  });
});

describe("provider calls that cannot connect", () => {
  it("fail as a transient network error", async () => {
    const model = createEndpointModel(endpoint(await refusedUrl()));
    const error = await failureOf(model.doGenerate({ prompt }));
    expect(APICallError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ isRetryable: true, statusCode: undefined });
    expect(isTransientFailure(error)).toBe(true);
  });

  it("are retried, and answered once the provider is reachable again", async () => {
    const proxy: TcpProxy = await startTcpProxy("127.0.0.1", Number(new URL(provider.url).port));
    cleanups.push(() => proxy.close());
    await proxy.cut();
    let failures = 0;
    const model = createEndpointModel(endpoint(`http://127.0.0.1:${proxy.port}/v1`), {
      // The default fetch, with the provider coming back after the first refused attempt.
      fetch: async (input, init) => {
        try {
          return await httpFetch(input, init);
        } catch (error) {
          failures += 1;
          await proxy.restore();
          throw error;
        }
      },
    });
    const resilient = createResilientModel(model, {
      timeoutMs: 2000,
      maxRetries: 2,
      initialDelayMs: 5,
      maxDelayMs: 20,
    });
    const result = streamText({ model: resilient.model, prompt: "hi", maxRetries: 0 });
    expect(await result.text).toBe("hello from the provider");
    expect(failures).toBe(1);
    expect(provider.requests).toHaveLength(1);
  });

  it("fall back to the next provider of the chain", async () => {
    const registry = createModelRegistry({
      provider: "openai-compatible",
      primary: endpoint(await refusedUrl()),
      fallback: { ...endpoint(provider.url), provider: "ollama", model: "backup" },
      offlineFallback: false,
      timeoutMs: 2000,
      maxRetries: 1,
    });
    const result = await generateText({ model: registry.model, prompt: "hi", maxRetries: 0 });
    expect(result.text).toBe("hello from the provider");
    expect(answeredBy(result.providerMetadata)).toEqual({ provider: "ollama", model: "backup" });
  });
});
