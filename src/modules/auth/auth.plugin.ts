import type { FastifyInstance } from "fastify";
import { registerAccountRoutes } from "../account/account.routes.js";
import { authBaseUrl, createAuth, type Auth } from "./auth.config.js";
import { registerAuthRoutes } from "./auth.routes.js";
import { settleAuthContext, withAuthContext } from "./auth-context.js";
import { ActorCache } from "./actor-cache.js";
import { createAuthenticator, type AuthenticateHook } from "./authenticate.js";
import { createScryptHasher, type PasswordHasher } from "./password.js";

declare module "fastify" {
  interface FastifyInstance {
    /**
     * The Better Auth instance (server-side API: `app.auth.api.*`). Run every call through
     * `withAuthContext` (`auth-context.ts`), or its context storages may be switched off under it.
     */
    auth: Auth;
    /**
     * The one authentication hook: `app.addHook("onRequest", app.authenticate)` in a protected
     * scope, or `onRequest: app.authenticate` on a route. Sets `request.actor` or replies 401.
     */
    authenticate: AuthenticateHook;
    /** Credentials verified in the last few seconds; account changes evict from it. */
    actorCache: ActorCache;
    /** The password hasher Better Auth and the CLI use. */
    passwordHasher: PasswordHasher;
  }
}

declare module "../../app.js" {
  interface AppOverrides {
    /**
     * Replaces the production scrypt hasher (N=2^17). Tests only: a cheap hasher keeps
     * sign-ups fast; production never sets it.
     */
    passwordHasher?: PasswordHasher;
  }
}

/**
 * Accounts: Better Auth at `/api/auth/*`, the authentication hook (`app.authenticate`),
 * `/api/me` and `/api/keys`. Register before any feature that protects its routes.
 */
export async function registerAccounts(
  app: FastifyInstance,
  overrides: { passwordHasher?: PasswordHasher } = {},
): Promise<void> {
  const hasher = overrides.passwordHasher ?? createScryptHasher();
  const auth = createAuth({
    config: app.config,
    db: app.db,
    cache: app.cache,
    hasher,
    log: app.log,
  });
  const context = await auth.$context;
  settleAuthContext();
  const cookieName = context.authCookies.sessionToken.name;
  const plainName = cookieName.replace(/^__Secure-/, "");

  const actorCache = new ActorCache(app.config.auth.cacheSeconds * 1000);
  app.decorate("auth", auth);
  app.decorate("actorCache", actorCache);
  app.decorate("passwordHasher", hasher);
  app.decorate(
    "authenticate",
    createAuthenticator({
      db: app.db,
      secret: app.config.auth.secret,
      cookieNames: [...new Set([cookieName, plainName, `__Secure-${plainName}`])],
      cache: actorCache,
    }),
  );

  const baseUrl = authBaseUrl(app.config);
  await registerAuthRoutes(app, auth, app.cache, baseUrl, actorCache);
  // The conventional discovery path for services verifying our JWTs.
  app.get("/.well-known/jwks.json", { schema: { hide: true } }, async (_request, reply) => {
    const response = await withAuthContext(() =>
      auth.handler(new Request(`${baseUrl}/api/auth/jwks`)),
    );
    return reply
      .code(response.status)
      .type("application/json")
      .header("Cache-Control", "public, max-age=300")
      .send(await response.text());
  });
  await registerAccountRoutes(app);
}
