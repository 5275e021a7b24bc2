import type {
  LanguageModelV3,
  LanguageModelV3CallOptions,
  LanguageModelV3StreamPart,
  SharedV3ProviderMetadata,
} from "@ai-sdk/provider";
import type { Logger } from "pino";
import { peekFirstOutput } from "./stream-peek.js";

/** One model of the chain, under the name answers are recorded with. */
export interface ChainEntry {
  name: string;
  model: LanguageModelV3;
}

/** Which provider produced a step, carried in `providerMetadata.docket`. */
export interface AnsweredBy {
  provider: string;
  model: string;
}

/** Every model of the chain failed (or none is configured); the turn cannot be answered. */
export class AllProvidersFailedError extends Error {
  constructor(readonly failures: { provider: string; error: unknown }[]) {
    super(
      failures.length === 0
        ? "no language model is configured"
        : `every language model failed (${failures.map((failure) => failure.provider).join(", ")})`,
    );
    this.name = "AllProvidersFailedError";
  }
}

/** Reads which provider answered from a step's provider metadata. */
export function answeredBy(metadata: SharedV3ProviderMetadata | undefined): AnsweredBy | undefined {
  const docket = metadata?.docket;
  if (!docket || typeof docket.provider !== "string" || typeof docket.model !== "string") {
    return undefined;
  }
  return { provider: docket.provider, model: docket.model };
}

function withAnsweredBy(
  metadata: SharedV3ProviderMetadata | undefined,
  entry: ChainEntry,
): SharedV3ProviderMetadata {
  return { ...metadata, docket: { provider: entry.name, model: entry.model.modelId } };
}

function describe(error: unknown): string {
  if (error instanceof Error) {
    const status = (error as { statusCode?: unknown }).statusCode;
    return typeof status === "number" ? `${error.name} (HTTP ${status})` : error.name;
  }
  return "unknown error";
}

/**
 * A language model over an ordered chain: each call goes to the first model, and on failure to
 * the next. A stream falls through only while nothing was produced (see `peekFirstOutput`), so
 * a client never sees two half-answers. Each result names its provider in
 * `providerMetadata.docket`.
 */
export function createFallbackModel(entries: ChainEntry[], logger?: Logger): LanguageModelV3 {
  async function firstThatAnswers<T>(
    call: LanguageModelV3CallOptions,
    attempt: (entry: ChainEntry) => Promise<T>,
  ): Promise<T> {
    const failures: { provider: string; error: unknown }[] = [];
    for (const entry of entries) {
      if (call.abortSignal?.aborted) throw call.abortSignal.reason;
      try {
        return await attempt(entry);
      } catch (error) {
        if (call.abortSignal?.aborted) throw error;
        failures.push({ provider: entry.name, error });
        logger?.warn({ provider: entry.name, error: describe(error) }, "language model failed");
      }
    }
    throw new AllProvidersFailedError(failures);
  }

  return {
    specificationVersion: "v3",
    provider: "docket",
    modelId: entries.map((entry) => entry.name).join(">") || "none",
    supportedUrls: {},
    doGenerate: (call) =>
      firstThatAnswers(call, async (entry) => {
        const result = await entry.model.doGenerate(call);
        return { ...result, providerMetadata: withAnsweredBy(result.providerMetadata, entry) };
      }),
    doStream: (call) =>
      firstThatAnswers(call, async (entry) => {
        const result = await entry.model.doStream(call);
        const stream = await peekFirstOutput(result.stream, {
          onPart: (part): LanguageModelV3StreamPart =>
            part.type === "finish"
              ? { ...part, providerMetadata: withAnsweredBy(part.providerMetadata, entry) }
              : part,
        });
        return { ...result, stream };
      }),
  };
}
