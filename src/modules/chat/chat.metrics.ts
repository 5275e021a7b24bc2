import { Counter, Histogram, type Registry } from "prom-client";

/** Prometheus metrics of the chat agent and its language models. */
export interface ChatMetrics {
  turns: Counter<"mode" | "status" | "provider">;
  turnDuration: Histogram<"mode" | "status">;
  tokens: Counter<"provider" | "direction">;
  providerFailures: Counter<"provider">;
}

/** Registers the chat metrics on the app's registry. */
export function createChatMetrics(registry: Registry): ChatMetrics {
  return {
    turns: new Counter({
      name: "docket_chat_turns_total",
      help: "Chat turns by mode (json, stream), outcome (complete, interrupted, error, unavailable) and answering provider",
      labelNames: ["mode", "status", "provider"],
      registers: [registry],
    }),
    turnDuration: new Histogram({
      name: "docket_chat_turn_duration_seconds",
      help: "Chat turn duration, model calls and tools included",
      labelNames: ["mode", "status"],
      buckets: [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60],
      registers: [registry],
    }),
    tokens: new Counter({
      name: "docket_llm_tokens_total",
      help: "Language model tokens by provider and direction (input, output)",
      labelNames: ["provider", "direction"],
      registers: [registry],
    }),
    providerFailures: new Counter({
      name: "docket_llm_provider_failures_total",
      help: "Model calls a provider failed (after its retries); the chain moved on to the next",
      labelNames: ["provider"],
      registers: [registry],
    }),
  };
}
