import type { FastifyInstance } from "fastify";
import { validatorCompiler } from "fastify-type-provider-zod";
import { z } from "zod";
import { AppError, type FieldError } from "../errors.js";

/** Why a NUL character is refused: PostgreSQL text columns cannot hold it. */
export const NUL_MESSAGE = "must not contain NUL characters (\\u0000)";
/** Why an unpaired surrogate is refused: it is not Unicode and would be stored as U+FFFD. */
export const SURROGATE_MESSAGE =
  "must not contain unpaired UTF-16 surrogates (\\ud800–\\udfff): it is not valid Unicode";

// A high surrogate not followed by a low one, or a low one not preceded by a high one.
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

// Deep enough for any request body we accept; deeper values are left to the schema.
const MAX_DEPTH = 32;

function visit(value: unknown, path: PropertyKey[], found: FieldError[], depth: number): void {
  if (typeof value === "string") {
    if (value.includes("\u0000"))
      found.push({ path: path.map(String).join("."), message: NUL_MESSAGE });
    else if (LONE_SURROGATE.test(value)) {
      found.push({ path: path.map(String).join("."), message: SURROGATE_MESSAGE });
    }
    return;
  }
  if (depth >= MAX_DEPTH || value === null || typeof value !== "object") return;
  if (Array.isArray(value)) {
    value.forEach((item, index) => {
      visit(item, [...path, index], found, depth + 1);
    });
    return;
  }
  if (Buffer.isBuffer(value)) return;
  for (const [key, item] of Object.entries(value)) visit(item, [...path, key], found, depth + 1);
}

/**
 * Every string in `value` (nested in arrays and objects) that PostgreSQL cannot store faithfully:
 * one with a NUL character, which a text column rejects, or one with an unpaired surrogate, which
 * would be silently replaced by U+FFFD. Paths are dotted ("tags.0").
 */
export function findUnstorableText(value: unknown): FieldError[] {
  const found: FieldError[] = [];
  visit(value, [], found, 0);
  return found;
}

function storableTextFirst<Schema extends z.ZodType>(schema: Schema) {
  return z
    .unknown()
    .superRefine((value, context) => {
      for (const problem of findUnstorableText(value)) {
        context.addIssue({
          code: "custom",
          message: problem.message,
          path: problem.path === "" ? [] : problem.path.split("."),
        });
      }
    })
    .pipe(schema);
}

// Schemas are immutable and tools are defined per request: wrap each schema once, so zod's
// per-schema caches (its walk for recursive schemas, say) are not rebuilt on every call.
const wrapped = new WeakMap<z.ZodType, z.ZodType>();

/** `schema`, but refusing unstorable text anywhere in the input before `schema` runs. */
export function withStorableText<Schema extends z.ZodType>(
  schema: Schema,
): ReturnType<typeof storableTextFirst<Schema>> {
  let found = wrapped.get(schema);
  if (!found) {
    found = storableTextFirst(schema);
    wrapped.set(schema, found);
  }
  return found as ReturnType<typeof storableTextFirst<Schema>>;
}

/**
 * The app's validator compiler: fastify-type-provider-zod's, with every body, query string and
 * path parameter first checked for unstorable text, so such input is a 422 naming the field
 * instead of a database error (NUL) or silently altered data (lone surrogates).
 */
export const storableTextValidatorCompiler: typeof validatorCompiler = (route) =>
  validatorCompiler({ ...route, schema: withStorableText(route.schema as z.ZodType) });

const strictUtf8 = new TextDecoder("utf-8", { fatal: true });

/** The text of `bytes`, or undefined when they are not UTF-8 (instead of U+FFFD in their place). */
export function decodeUtf8(bytes: Uint8Array): string | undefined {
  try {
    return strictUtf8.decode(bytes);
  } catch {
    return undefined;
  }
}

/**
 * Replaces fastify's JSON body parser with one that refuses bytes that are not UTF-8 (a 400)
 * instead of decoding them to U+FFFD and storing the replacement characters; everything else —
 * the empty-body error, prototype-poisoning checks — is fastify's own parser.
 */
export function registerStrictJsonParser(app: FastifyInstance): void {
  const parseJson = app.getDefaultJsonParser("error", "error");
  app.removeContentTypeParser("application/json");
  app.addContentTypeParser("application/json", { parseAs: "buffer" }, (request, body, done) => {
    const text = decodeUtf8(body as Buffer);
    if (text === undefined) {
      done(new AppError(400, "MALFORMED_JSON", "The request body is not valid UTF-8."));
      return;
    }
    void parseJson(request, text, done);
  });
}
