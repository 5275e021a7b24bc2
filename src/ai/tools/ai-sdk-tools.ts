import { jsonSchema, tool, zodSchema, type ToolSet } from "ai";
import type { ToolDefinition } from "./tool-definition.js";

/**
 * Adapts surface-neutral tool definitions to AI SDK tools for `streamText`/`generateText`.
 * The model is shown each tool's full JSON schema, but validation is left to the definition,
 * so bad arguments come back to the model as an `{error: "INVALID_ARGUMENTS", message}` result
 * it can correct, like every other tool failure.
 */
export function toAiSdkTools(definitions: ToolDefinition[]): ToolSet {
  const tools: ToolSet = {};
  for (const definition of definitions) {
    const shown = zodSchema(definition.inputSchema);
    tools[definition.name] = tool({
      description: definition.description,
      inputSchema: jsonSchema(() => shown.jsonSchema, {
        validate: (value) => ({ success: true, value }),
      }),
      execute: (input: unknown) => definition.execute(input),
    });
  }
  return tools;
}
