import { z } from "zod";
import { AppError } from "../../errors.js";
import { withStorableText } from "../../platform/text-input.js";

/**
 * A tool described once and adapted to each surface (AI SDK agent, MCP). Tools are built per
 * request from the acting user, so no tool takes a user id and none can act for anyone else.
 */
export interface ToolDefinition<Schema extends z.ZodObject = z.ZodObject> {
  name: string;
  /** Written for a model: when to use the tool and what it returns. */
  description: string;
  inputSchema: Schema;
  /**
   * Runs the tool. Never throws: failures come back as `{ error: CODE, message }` results the
   * model can read and explain (see `ToolFailure`).
   */
  execute(input: unknown): Promise<ToolResult>;
}

/** A failed tool call as the model (and MCP clients) see it. */
export interface ToolFailure {
  error: string;
  message: string;
}

/** What a tool returns: its documented result or a failure. */
export type ToolResult = Record<string, unknown>;

/** True when a tool result reports a failure. */
export function isToolFailure(result: unknown): result is ToolFailure {
  return (
    typeof result === "object" &&
    result !== null &&
    typeof (result as { error?: unknown }).error === "string" &&
    typeof (result as { message?: unknown }).message === "string"
  );
}

/** Turns any thrown error into a result: user-facing text for 4xx, nothing internal for 5xx. */
export function toolFailure(error: unknown): ToolFailure {
  if (error instanceof AppError && error.status < 500) {
    return { error: error.code, message: error.message };
  }
  return {
    error: "INTERNAL_ERROR",
    message: "That did not work because of a server problem; try again shortly.",
  };
}

/**
 * Defines a tool whose input is validated against its schema (models send malformed arguments)
 * and whose failures become results instead of exceptions.
 */
export function defineTool<Schema extends z.ZodObject>(definition: {
  name: string;
  description: string;
  inputSchema: Schema;
  run: (input: z.output<Schema>) => Promise<ToolResult>;
  onError?: (error: unknown) => void;
}): ToolDefinition<Schema> {
  // Text PostgreSQL cannot store (NUL, lone surrogates) is refused here, like a schema mismatch.
  const inputSchema = withStorableText(definition.inputSchema);
  return {
    name: definition.name,
    description: definition.description,
    inputSchema: definition.inputSchema,
    execute: async (input) => {
      const parsed = inputSchema.safeParse(input ?? {});
      if (!parsed.success) {
        const problems = parsed.error.issues
          .map((issue) =>
            issue.path.length ? `${issue.path.join(".")}: ${issue.message}` : issue.message,
          )
          .join("; ");
        return { error: "INVALID_ARGUMENTS", message: `The arguments are invalid: ${problems}` };
      }
      try {
        return await definition.run(parsed.data);
      } catch (error) {
        const failure = toolFailure(error);
        if (failure.error === "INTERNAL_ERROR") definition.onError?.(error);
        return { ...failure };
      }
    },
  };
}
