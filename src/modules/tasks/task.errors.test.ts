import { describe, expect, it } from "vitest";
import { AppError } from "../../errors.js";
import { describeTaskError, parseInput } from "./task.errors.js";
import { createTaskSchema } from "./task.schemas.js";

describe("task errors for tools", () => {
  it("passes 4xx codes and messages through and hides everything else", () => {
    expect(describeTaskError(new AppError(404, "TASK_NOT_FOUND", 'No task with id "x".'))).toEqual({
      code: "TASK_NOT_FOUND",
      message: 'No task with id "x".',
    });
    const hidden = describeTaskError(new Error("connection refused at 10.0.0.5:5432"));
    expect(hidden.code).toBe("INTERNAL_ERROR");
    expect(hidden.message).not.toContain("10.0.0.5");
  });

  it("turns zod failures into VALIDATION_FAILED with field paths and a readable summary", () => {
    try {
      parseInput(createTaskSchema, { title: " ", priority: "urgent" });
      expect.unreachable();
    } catch (error) {
      expect(error).toMatchObject({ status: 422, code: "VALIDATION_FAILED" });
      const { message, errors } = error as AppError;
      expect(errors?.map((e) => e.path)).toEqual(["title", "priority"]);
      expect(message).toMatch(/^The task is invalid: title: must not be blank; priority: /);
    }
  });
});
