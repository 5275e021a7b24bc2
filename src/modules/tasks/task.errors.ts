import { ZodError } from "zod";
import { AppError, type FieldError } from "../../errors.js";

/** The task error codes, with the message each carries (HTTP, chat and MCP show the same text). */
export const TASK_ERROR_CODES = {
  TASK_NOT_FOUND: "No task with this id.",
  TASK_LIMIT_REACHED: "You have reached the maximum number of tasks.",
  INVALID_RECURRENCE: "The recurrence rule is not valid.",
  INVALID_CURSOR: "The cursor is not valid; start again without it.",
  INVALID_TIMEZONE: "The timezone is not a known IANA name.",
  VALIDATION_FAILED: "The task is invalid.",
} as const;

/** A task error code. */
export type TaskErrorCode = keyof typeof TASK_ERROR_CODES;

/** 404 `TASK_NOT_FOUND`: the id does not exist or belongs to someone else (never told apart). */
export function taskNotFound(id: string): AppError {
  const shown = id.length > 64 ? `${id.slice(0, 64)}…` : id;
  return new AppError(404, "TASK_NOT_FOUND", `No task with id "${shown}".`);
}

/** 422 `VALIDATION_FAILED` from a zod error, in the same shape the HTTP validator produces. */
export function validationFailed(error: ZodError, what = "task"): AppError {
  const errors: FieldError[] = error.issues.map((issue) => ({
    path: issue.path.map(String).join("."),
    message: issue.message,
  }));
  const summary = errors.map((e) => (e.path ? `${e.path}: ${e.message}` : e.message)).join("; ");
  return new AppError(422, "VALIDATION_FAILED", `The ${what} is invalid: ${summary}`, {
    errors,
    cause: error,
  });
}

/** Parses service input with a zod schema; failures become a 422 `VALIDATION_FAILED`. */
export function parseInput<Schema extends { parse(input: unknown): unknown }>(
  schema: Schema,
  input: unknown,
  what?: string,
): ReturnType<Schema["parse"]> {
  try {
    return schema.parse(input) as ReturnType<Schema["parse"]>;
  } catch (error) {
    if (error instanceof ZodError) throw validationFailed(error, what);
    throw error;
  }
}

/**
 * What a chat or MCP tool reports for a failed task call: the code and the user-facing message of
 * an `AppError` (4xx), or a generic message that hides internals for anything else.
 */
export function describeTaskError(error: unknown): { code: string; message: string } {
  if (error instanceof AppError && error.status < 500) {
    return { code: error.code, message: error.message };
  }
  return { code: "INTERNAL_ERROR", message: "The task could not be saved; try again shortly." };
}
