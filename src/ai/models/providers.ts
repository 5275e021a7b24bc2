import { createOpenAICompatible } from "@ai-sdk/openai-compatible";
import type { LanguageModelV3 } from "@ai-sdk/provider";
import type { FetchFunction } from "@ai-sdk/provider-utils";
import type { LlmEndpointConfig } from "../../config.js";
import { httpFetch } from "./http-fetch.js";
import { withLeanStreaming } from "./openai-chat-stream.js";

/** Where each provider listens and which model it uses when `LLM_MODEL` is not set. */
export const PROVIDER_DEFAULTS: Record<
  LlmEndpointConfig["provider"],
  { baseUrl: string | undefined; model: string }
> = {
  openai: { baseUrl: "https://api.openai.com/v1", model: "gpt-4o-mini" },
  groq: { baseUrl: "https://api.groq.com/openai/v1", model: "llama-3.3-70b-versatile" },
  ollama: { baseUrl: "http://localhost:11434/v1", model: "llama3.2" },
  // vLLM, llama.cpp, LM Studio...: the base URL is required by the configuration.
  "openai-compatible": { baseUrl: undefined, model: "default" },
};

/** The model an endpoint resolves to, with its defaults applied. */
export interface ResolvedEndpoint {
  provider: LlmEndpointConfig["provider"];
  model: string;
  baseUrl: string;
}

/** Applies the provider's default base URL and model. */
export function resolveEndpoint(endpoint: LlmEndpointConfig): ResolvedEndpoint {
  const defaults = PROVIDER_DEFAULTS[endpoint.provider];
  const baseUrl = endpoint.baseUrl ?? defaults.baseUrl;
  if (!baseUrl) throw new Error(`LLM provider "${endpoint.provider}" needs a base URL`);
  return {
    provider: endpoint.provider,
    model: endpoint.model ?? defaults.model,
    baseUrl: baseUrl.replace(/\/$/, ""),
  };
}

/**
 * Builds the AI SDK chat model of an endpoint; every provider speaks the OpenAI chat API. Calls
 * go through `httpFetch` (node:http with kept-alive connections, cheaper than the global fetch)
 * unless `options.fetch` is given.
 */
export function createEndpointModel(
  endpoint: LlmEndpointConfig,
  options: { fetch?: FetchFunction } = {},
): LanguageModelV3 {
  const resolved = resolveEndpoint(endpoint);
  const provider = createOpenAICompatible({
    name: resolved.provider,
    baseURL: resolved.baseUrl,
    ...(endpoint.apiKey ? { apiKey: endpoint.apiKey } : {}),
    fetch: options.fetch ?? httpFetch,
    includeUsage: true,
  });
  return withLeanStreaming(provider.chatModel(resolved.model));
}
