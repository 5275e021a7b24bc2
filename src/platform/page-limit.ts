import { z } from "zod";

// Query strings arrive as text. `z.coerce.number()` would read "0x10" as 16, "1e1" as 10 and
// " 16" as 16: a client's mistake should be refused, not guessed at.
const DECIMAL = /^\d{1,9}$/;

/**
 * A page size: a whole number from 1 to `max`, `fallback` when absent. Accepts a number (tool
 * calls) or decimal digits (query strings); hex, exponents, signs, spaces and fractions are a
 * 422 "must be a whole number".
 */
export function pageLimitSchema(max: number, fallback: number) {
  return z
    .preprocess(
      (value) => (typeof value === "string" && DECIMAL.test(value) ? Number(value) : value),
      z
        .number({ error: "must be a whole number" })
        .int("must be an integer")
        .min(1, "must be at least 1")
        .max(max, `must be at most ${max}`),
    )
    .default(fallback)
    .describe(`Page size, 1–${max} (default ${fallback}).`);
}
