import { ExponentialBackoff, handleWhen, retry } from "cockatiel";
import type { AppConfig } from "../../config.js";

/** Turns texts into vectors; the knowledge base depends on this interface only. */
export interface Embedder {
  /** `provider/model`, shown in health. */
  readonly name: string;
  embed(texts: string[]): Promise<number[][]>;
}

/** A failure worth retrying: network errors, timeouts, 429 and 5xx. */
class TransientEmbeddingError extends Error {}

const DEFAULTS: Record<string, { baseUrl: string; model: string }> = {
  openai: { baseUrl: "https://api.openai.com/v1", model: "text-embedding-3-small" },
  ollama: { baseUrl: "http://localhost:11434/v1", model: "nomic-embed-text" },
  "openai-compatible": { baseUrl: "", model: "text-embedding-3-small" },
};

/** Inputs per request: OpenAI accepts up to 2048, local servers prefer fewer. */
const BATCH_SIZE = 64;

/**
 * The OpenAI-compatible `/embeddings` API (OpenAI, Ollama, vLLM, llama.cpp...), batched, with
 * retries and a per-request timeout. Returns undefined when EMBEDDING_PROVIDER is `none`.
 */
export function createEmbedder(
  config: AppConfig["embedding"],
  timeoutMs: number,
  fetchImpl: typeof fetch = fetch,
): Embedder | undefined {
  if (config.provider === "none") return undefined;
  const defaults = DEFAULTS[config.provider] ?? { baseUrl: "", model: "" };
  const baseUrl = (config.baseUrl ?? defaults.baseUrl).replace(/\/$/, "");
  const model = config.model ?? defaults.model;
  const policy = retry(
    handleWhen((error) => error instanceof TransientEmbeddingError),
    { maxAttempts: 3, backoff: new ExponentialBackoff({ initialDelay: 250, maxDelay: 4000 }) },
  );

  const request = async (input: string[]): Promise<number[][]> => {
    let response: Response;
    try {
      response = await fetchImpl(`${baseUrl}/embeddings`, {
        method: "POST",
        headers: {
          "content-type": "application/json",
          ...(config.apiKey ? { authorization: `Bearer ${config.apiKey}` } : {}),
        },
        body: JSON.stringify({ model, input }),
        signal: AbortSignal.timeout(timeoutMs),
      });
    } catch (error) {
      throw new TransientEmbeddingError(`embeddings request failed: ${(error as Error).message}`);
    }
    if (response.status === 429 || response.status >= 500) {
      throw new TransientEmbeddingError(`embeddings endpoint answered ${response.status}`);
    }
    if (!response.ok) throw new Error(`embeddings endpoint answered ${response.status}`);
    const body = (await response.json()) as { data?: { embedding: number[]; index?: number }[] };
    const data = body.data ?? [];
    if (data.length !== input.length) throw new Error("embeddings response has the wrong length");
    return [...data].sort((a, b) => (a.index ?? 0) - (b.index ?? 0)).map((item) => item.embedding);
  };

  return {
    name: `${config.provider}/${model}`,
    async embed(texts) {
      const vectors: number[][] = [];
      for (let start = 0; start < texts.length; start += BATCH_SIZE) {
        const batch = texts.slice(start, start + BATCH_SIZE);
        vectors.push(...(await policy.execute(() => request(batch))));
      }
      return vectors;
    },
  };
}
