import type { LanguageModelV3 } from "@ai-sdk/provider";
import type { FetchFunction } from "@ai-sdk/provider-utils";
import type { FastifyBaseLogger } from "fastify";
import type { AppConfig, LlmEndpointConfig } from "../../config.js";
import type { DependencyHealth } from "../../platform/health.js";
import { createFallbackModel, type ChainEntry } from "./fallback-model.js";
import { createEndpointModel } from "./providers.js";
import {
  createResilientModel,
  type CircuitName,
  type ResilienceOptions,
} from "./resilient-model.js";

/** One provider of the chain as `/health/detailed` lists it. */
export interface ProviderStatus {
  name: string;
  model: string;
  circuit: CircuitName;
}

/** The configured language models: one chain model for the agent, and their health. */
export interface ModelRegistry {
  /** The chain: primary → fallback → offline; records which one answered. */
  model: LanguageModelV3;
  /** True when at least one model is configured. */
  available: boolean;
  providers(): ProviderStatus[];
  /** The `llm` entry of `/health/detailed`. */
  health(): DependencyHealth;
}

/** What the registry is built from besides `config.llm`. */
export interface ModelRegistryOptions {
  /** Builds the offline model; used last unless `LLM_OFFLINE_FALLBACK=false`. */
  createOfflineModel?: () => LanguageModelV3;
  /** Replaces the fetch of provider calls (`httpFetch` by default; tests, proxies). */
  fetch?: FetchFunction;
  logger?: FastifyBaseLogger;
  /** Called when a provider failed a call (after its retries) and the chain moved on. */
  onProviderFailure?: (provider: string) => void;
  /** Overrides of the breaker and backoff settings (tests use short ones). */
  resilience?: Partial<Omit<ResilienceOptions, "timeoutMs" | "maxRetries">>;
}

/** Builds the model chain from configuration. */
export function createModelRegistry(
  llm: AppConfig["llm"],
  options: ModelRegistryOptions = {},
): ModelRegistry {
  const statuses: (() => ProviderStatus)[] = [];
  const entries: ChainEntry[] = [];

  const addEndpoint = (endpoint: LlmEndpointConfig | undefined, role: "primary" | "fallback") => {
    if (!endpoint) return;
    const base = createEndpointModel(endpoint, options.fetch ? { fetch: options.fetch } : {});
    const resilient = createResilientModel(base, {
      ...options.resilience,
      timeoutMs: llm.timeoutMs,
      maxRetries: llm.maxRetries,
    });
    // Two endpoints of the same kind (e.g. two vLLM servers) stay distinguishable.
    const name = entries.some((entry) => entry.name === endpoint.provider)
      ? `${endpoint.provider}-${role}`
      : endpoint.provider;
    entries.push({ name, model: resilient.model });
    statuses.push(() => ({ name, model: base.modelId, circuit: resilient.circuit() }));
  };

  addEndpoint(llm.primary, "primary");
  addEndpoint(llm.fallback, "fallback");
  const wantsOffline = llm.provider === "offline" || llm.offlineFallback;
  if (wantsOffline && options.createOfflineModel) {
    const offline = options.createOfflineModel();
    entries.push({ name: "offline", model: offline });
    statuses.push(() => ({ name: "offline", model: offline.modelId, circuit: "closed" }));
  }

  const providers = () => statuses.map((status) => status());
  return {
    model: createFallbackModel(entries, options.logger, options.onProviderFailure),
    available: entries.length > 0,
    providers,
    health: () => {
      const list = providers();
      const open = list.filter((provider) => provider.circuit === "open").length;
      const status =
        list.length === 0 || open === list.length ? "unhealthy" : open > 0 ? "degraded" : "healthy";
      return { status, providers: list };
    },
  };
}
