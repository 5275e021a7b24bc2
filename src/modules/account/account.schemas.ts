import { z } from "zod";
import { timezoneSchema } from "./timezone.js";

/** Longest display name accepted at sign-up and by `PATCH /api/me`. */
export const NAME_MAX_LENGTH = 200;

/** Maximum API keys one user may hold. */
export const MAX_API_KEYS_PER_USER = 50;

/** `GET /api/me` and `PATCH /api/me` answer. */
export const profileSchema = z.object({
  id: z.string(),
  email: z.string(),
  name: z.string(),
  timezone: z.string(),
  created_at: z.string().describe("ISO 8601 instant"),
});

/** `PATCH /api/me` body. */
export const updateProfileSchema = z
  .strictObject({
    name: z
      .string()
      .trim()
      .min(1, "Name must not be blank")
      .max(NAME_MAX_LENGTH, `Name must be at most ${String(NAME_MAX_LENGTH)} characters`)
      .optional(),
    timezone: timezoneSchema.optional().describe('IANA timezone, e.g. "Europe/Paris"'),
  })
  .describe("Fields to change; omitted fields stay as they are");

/** `POST /api/keys` body. */
export const createApiKeySchema = z.strictObject({
  name: z
    .string()
    .trim()
    .min(1, "Name must not be blank")
    .max(100, "Name must be at most 100 characters")
    .describe('What the key is for, e.g. "laptop CLI"'),
  expires_in_days: z
    .number()
    .int()
    .min(1)
    .max(3650)
    .optional()
    .describe("Days until the key stops working; omitted = never expires"),
});

/** An API key as listed (never the secret). */
export const apiKeySchema = z.object({
  id: z.string(),
  name: z.string(),
  prefix: z.string().describe("The first characters of the key, for recognising it"),
  created_at: z.string(),
  expires_at: z.string().nullable(),
  last_used_at: z.string().nullable(),
});

/** `POST /api/keys` answer: the only time the key itself is shown. */
export const createdApiKeySchema = z.object({
  id: z.string(),
  name: z.string(),
  key: z.string().describe("The API key; shown once, store it now"),
  prefix: z.string(),
  created_at: z.string(),
  expires_at: z.string().nullable(),
});

/** `GET /api/keys` answer. */
export const apiKeyListSchema = z.object({ keys: z.array(apiKeySchema) });

/** `{id}` path parameter. */
export const apiKeyParamsSchema = z.object({ id: z.string().min(1).max(100) });

export type UpdateProfileInput = z.infer<typeof updateProfileSchema>;
export type CreateApiKeyInput = z.infer<typeof createApiKeySchema>;
