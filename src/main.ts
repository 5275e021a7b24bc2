import closeWithGrace from "close-with-grace";
import { buildApp } from "./app.js";
import type { AppConfig } from "./config.js";
import { shutdownGracefully } from "./platform/shutdown.js";

/** Builds the app, listens on HOST:PORT and shuts down gracefully on SIGTERM / SIGINT. */
export async function startServer(config: AppConfig): Promise<void> {
  const app = await buildApp(config);
  closeWithGrace(
    // close-with-grace's own timer is a last resort behind our grace period.
    { delay: config.server.shutdownDelayMs + config.server.shutdownGraceMs + 5000 },
    async ({ signal, err }) => {
      if (err) app.log.error({ err }, "fatal error; shutting down");
      else app.log.info({ signal }, "signal received");
      await shutdownGracefully(app, {
        delayMs: config.server.shutdownDelayMs,
        graceMs: config.server.shutdownGraceMs,
      });
    },
  );
  const address = await app.listen({ port: config.server.port, host: config.server.host });
  app.log.info(
    {
      address,
      database: app.database.kind,
      cache: app.cache.status().backend,
      llm: config.llm.provider,
    },
    "docket is ready",
  );
}
