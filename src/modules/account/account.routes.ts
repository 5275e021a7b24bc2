import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { actorOf } from "../auth/actor.js";
import { AUTHENTICATED } from "../auth/authenticate.js";
import {
  apiKeyListSchema,
  apiKeyParamsSchema,
  createApiKeySchema,
  createdApiKeySchema,
  profileSchema,
  updateProfileSchema,
} from "./account.schemas.js";
import { createAccountService, type Profile } from "./account.service.js";
import { createApiKeyService, type ApiKeyInfo } from "./api-key.service.js";

const iso = (date: Date | null) => (date ? date.toISOString() : null);

function profileBody(profile: Profile) {
  return {
    id: profile.id,
    email: profile.email,
    name: profile.name,
    timezone: profile.timezone,
    created_at: profile.createdAt.toISOString(),
  };
}

function keyBody(key: ApiKeyInfo) {
  return {
    id: key.id,
    name: key.name,
    prefix: key.prefix,
    created_at: key.createdAt.toISOString(),
    expires_at: iso(key.expiresAt),
    last_used_at: iso(key.lastUsedAt),
  };
}

/** `/api/me` and `/api/keys`, all behind `app.authenticate`. */
export async function registerAccountRoutes(app: FastifyInstance): Promise<void> {
  const accounts = createAccountService(app.db);
  const keys = createApiKeyService(app.db);

  await app.register(async (plain) => {
    const scope = plain.withTypeProvider<ZodTypeProvider>();
    scope.addHook("onRequest", scope.authenticate);

    scope.get(
      "/api/me",
      {
        schema: {
          tags: ["account"],
          security: AUTHENTICATED,
          summary: "Your profile",
          response: { 200: profileSchema },
        },
      },
      async (request) => profileBody(await accounts.getProfile(actorOf(request))),
    );

    scope.patch(
      "/api/me",
      {
        schema: {
          tags: ["account"],
          security: AUTHENTICATED,
          summary: "Change your name or timezone",
          body: updateProfileSchema,
          response: { 200: profileSchema },
        },
      },
      async (request) => {
        const actor = actorOf(request);
        const profile = await accounts.updateProfile(actor, request.body);
        scope.actorCache.forgetUser(actor.userId); // the remembered timezone is now stale
        return profileBody(profile);
      },
    );

    scope.post(
      "/api/keys",
      {
        schema: {
          tags: ["account"],
          security: AUTHENTICATED,
          summary: "Create an API key (shown once)",
          body: createApiKeySchema,
          response: { 201: createdApiKeySchema },
        },
      },
      async (request, reply) => {
        const created = await keys.createKey(actorOf(request), request.body);
        const { last_used_at: _unused, ...body } = keyBody(created);
        return reply.code(201).send({ ...body, key: created.key });
      },
    );

    scope.get(
      "/api/keys",
      {
        schema: {
          tags: ["account"],
          security: AUTHENTICATED,
          summary: "Your API keys (without secrets)",
          response: { 200: apiKeyListSchema },
        },
      },
      async (request) => ({ keys: (await keys.listKeys(actorOf(request))).map(keyBody) }),
    );

    scope.delete(
      "/api/keys/:id",
      {
        schema: {
          tags: ["account"],
          security: AUTHENTICATED,
          summary: "Revoke an API key",
          params: apiKeyParamsSchema,
        },
      },
      async (request, reply) => {
        const actor = actorOf(request);
        await keys.deleteKey(actor, request.params.id);
        scope.actorCache.forgetUser(actor.userId); // the revoked key stops working now
        return reply.code(204).send();
      },
    );
  });
}
