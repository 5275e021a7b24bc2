/** What `/health/detailed` says about the language models. */
interface LlmHealth {
  status?: string;
  providers?: { name?: string; model?: string; circuit?: string }[];
}

/** A line per provider for the settings page, or the offline assistant when none is configured. */
export function describeProviders(
  detailed: unknown,
): { name: string; detail: string; state: string }[] {
  const deps = (detailed as { dependencies?: { llm?: LlmHealth } } | null)?.dependencies;
  const providers = (deps?.llm?.providers ?? []).filter((p) => p.name && p.name !== "offline");
  if (providers.length === 0) {
    return [
      {
        name: "Built-in offline assistant",
        detail: "Understands task commands without any API key. Set LLM_PROVIDER to use a model.",
        state: "ready",
      },
    ];
  }
  return providers.map((p) => ({
    name: p.name ?? "provider",
    detail: p.model ?? "",
    state:
      p.circuit === "open" ? "unavailable" : p.circuit === "half_open" ? "recovering" : "ready",
  }));
}
