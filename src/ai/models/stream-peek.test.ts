import type { LanguageModelV3StreamPart } from "@ai-sdk/provider";
import {
  MockLanguageModelV3,
  convertArrayToReadableStream,
  convertReadableStreamToArray,
} from "ai/test";
import { describe, expect, it } from "vitest";
import { createFallbackModel } from "./fallback-model.js";
import { createResilientModel } from "./resilient-model.js";

const usage = {
  inputTokens: { total: 3, noCache: 3, cacheRead: undefined, cacheWrite: undefined },
  outputTokens: { total: 1, text: 1, reasoning: undefined },
};
const finish: LanguageModelV3StreamPart = {
  type: "finish",
  finishReason: { unified: "stop", raw: "stop" },
  usage,
};

/** The chain the registry builds: a resilient provider under the fallback model. */
function chainOver(parts: () => ReadableStream<LanguageModelV3StreamPart>) {
  const provider = new MockLanguageModelV3({
    modelId: "fake-model",
    doStream: async () => ({ stream: parts() }),
  });
  const resilient = createResilientModel(provider, { timeoutMs: 200, maxRetries: 0 });
  return createFallbackModel([{ name: "primary", model: resilient.model }]);
}

describe("the model chain's streams", () => {
  it("tags the answer with its provider even when the finish part comes first", async () => {
    // A stream that starts with its finish part (no stream-start) is peeked by the resilient
    // model, which buffers that part before the fallback adds its tag to the same stream.
    const chain = chainOver(() => convertArrayToReadableStream([finish]));
    const { stream } = await chain.doStream({ prompt: [] });
    const parts = await convertReadableStreamToArray(stream);
    expect(parts).toEqual([
      {
        ...finish,
        providerMetadata: { docket: { provider: "primary", model: "fake-model" } },
      },
    ]);
  });

  it("ends with an error part when the provider goes quiet after its first output", async () => {
    const chain = chainOver(
      () =>
        new ReadableStream<LanguageModelV3StreamPart>({
          start(controller) {
            controller.enqueue({ type: "text-start", id: "t" });
            controller.enqueue({ type: "text-delta", id: "t", delta: "Hel" });
            // ...and nothing more, ever.
          },
        }),
    );
    const { stream } = await chain.doStream({ prompt: [] });
    const parts = await convertReadableStreamToArray(stream);
    expect(parts.map((part) => part.type)).toEqual(["text-start", "text-delta", "error"]);
    expect(String((parts.at(-1) as { error: unknown }).error)).toContain("no output within 200 ms");
  });
});
