import { describe, expect, it } from "vitest";
import { errorFromBody } from "./api.js";

describe("errorFromBody", () => {
  it("maps problem+json validation errors to fields", () => {
    const error = errorFromBody(422, {
      status: 422,
      code: "VALIDATION_FAILED",
      detail: "The request body is invalid: title: Too small",
      errors: [
        { path: "title", message: "Title cannot be blank" },
        { path: "title", message: "second message ignored" },
        { path: "tags.0", message: "Too long" },
      ],
    });
    expect(error.code).toBe("VALIDATION_FAILED");
    expect(error.fieldErrors).toEqual({ title: "Title cannot be blank", "tags.0": "Too long" });
  });

  it("maps Better Auth codes to the field they concern", () => {
    const error = errorFromBody(422, {
      code: "USER_ALREADY_EXISTS",
      message: "User already exists. Use another email.",
    });
    expect(error.message).toBe("User already exists. Use another email.");
    expect(error.fieldErrors).toEqual({ email: "User already exists. Use another email." });
    expect(
      errorFromBody(400, { code: "PASSWORD_TOO_SHORT", message: "Password too short" }).fieldErrors,
    ).toEqual({
      password: "Password too short",
    });
  });

  it("never shows server internals of a 5xx and copes with empty bodies", () => {
    expect(errorFromBody(500, { detail: "TypeError at line 3" }).message).toBe(
      "Something went wrong on the server. Please try again.",
    );
    const empty = errorFromBody(429, undefined);
    expect(empty.code).toBe("HTTP_429");
    expect(empty.message).toContain("Too many requests");
  });
});
