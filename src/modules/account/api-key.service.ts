import { randomUUID } from "node:crypto";
import { and, count, desc, eq } from "drizzle-orm";
import type { Database } from "../../db/client.js";
import { apiKeys } from "../../db/schema/auth.js";
import { AppError } from "../../errors.js";
import type { Actor } from "../auth/actor.js";
import { MAX_API_KEYS_PER_USER, type CreateApiKeyInput } from "./account.schemas.js";
import { generateApiKey } from "./api-key.format.js";

/** An API key as stored, without its hash. */
export interface ApiKeyInfo {
  id: string;
  name: string;
  prefix: string;
  createdAt: Date;
  expiresAt: Date | null;
  lastUsedAt: Date | null;
}

const DAY_MS = 24 * 3600 * 1000;

const columns = {
  id: apiKeys.id,
  name: apiKeys.name,
  prefix: apiKeys.prefix,
  createdAt: apiKeys.createdAt,
  expiresAt: apiKeys.expiresAt,
  lastUsedAt: apiKeys.lastUsedAt,
};

/** Creates, lists and revokes the acting user's API keys. */
export function createApiKeyService(db: Database, now: () => Date = () => new Date()) {
  return {
    /** Creates a key; the returned `key` is the only copy of the secret. */
    async createKey(actor: Actor, input: CreateApiKeyInput): Promise<ApiKeyInfo & { key: string }> {
      const generated = generateApiKey();
      const createdAt = now();
      const expiresAt =
        input.expires_in_days === undefined
          ? null
          : new Date(createdAt.getTime() + input.expires_in_days * DAY_MS);
      return db.transaction(async (tx) => {
        const [held] = await tx
          .select({ total: count() })
          .from(apiKeys)
          .where(eq(apiKeys.userId, actor.userId));
        if ((held?.total ?? 0) >= MAX_API_KEYS_PER_USER) {
          throw new AppError(
            422,
            "API_KEY_LIMIT_REACHED",
            `You already have ${String(MAX_API_KEYS_PER_USER)} API keys; delete one first.`,
          );
        }
        const [row] = await tx
          .insert(apiKeys)
          .values({
            id: randomUUID(),
            userId: actor.userId,
            name: input.name,
            prefix: generated.prefix,
            keyHash: generated.hash,
            createdAt,
            expiresAt,
          })
          .returning(columns);
        if (!row) throw new AppError(500, "INTERNAL_ERROR");
        return { ...row, key: generated.key };
      });
    },

    /** The actor's keys, newest first, without secrets. */
    listKeys(actor: Actor): Promise<ApiKeyInfo[]> {
      return db
        .select(columns)
        .from(apiKeys)
        .where(eq(apiKeys.userId, actor.userId))
        .orderBy(desc(apiKeys.createdAt), desc(apiKeys.id));
    },

    /** Revokes (deletes) a key; 404 when it does not exist or belongs to someone else. */
    async deleteKey(actor: Actor, id: string): Promise<void> {
      const deleted = await db
        .delete(apiKeys)
        .where(and(eq(apiKeys.id, id), eq(apiKeys.userId, actor.userId)))
        .returning({ id: apiKeys.id });
      if (deleted.length === 0) throw new AppError(404, "API_KEY_NOT_FOUND", "No such API key.");
    },
  };
}

/** The API key service's type. */
export type ApiKeyService = ReturnType<typeof createApiKeyService>;
