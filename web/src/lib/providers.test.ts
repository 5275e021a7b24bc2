import { describe, expect, it } from "vitest";
import { describeProviders } from "./providers.js";

describe("describeProviders", () => {
  it("shows the offline assistant when no model provider is configured", () => {
    expect(describeProviders({ dependencies: { llm: { providers: [] } } })[0]?.name).toBe(
      "Built-in offline assistant",
    );
    expect(describeProviders(null)[0]?.name).toBe("Built-in offline assistant");
    expect(
      describeProviders({ dependencies: { llm: { providers: [{ name: "offline" }] } } }),
    ).toHaveLength(1);
  });
  it("lists providers with their model and breaker state", () => {
    expect(
      describeProviders({
        dependencies: {
          llm: {
            providers: [
              { name: "groq", model: "llama-3.3-70b", circuit: "open" },
              { name: "ollama", model: "qwen3", circuit: "closed" },
            ],
          },
        },
      }),
    ).toEqual([
      { name: "groq", detail: "llama-3.3-70b", state: "unavailable" },
      { name: "ollama", detail: "qwen3", state: "ready" },
    ]);
  });
});
