import type { FastifyInstance } from "fastify";

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Stops the app gracefully: readiness turns 503 first (so load balancers stop routing), then
 * fastify stops accepting connections and waits for in-flight requests, streams included, up to
 * `graceMs`; the database and cache close last, in the app's onClose hooks.
 * @returns true when everything finished within the grace period.
 */
export async function shutdownGracefully(
  app: FastifyInstance,
  options: { delayMs: number; graceMs: number },
): Promise<boolean> {
  app.lifecycle.shuttingDown = true;
  app.log.info({ delay_ms: options.delayMs, grace_ms: options.graceMs }, "shutting down");
  if (options.delayMs > 0) await sleep(options.delayMs);
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), options.graceMs);
  });
  const finished = await Promise.race([app.close().then(() => true as const), expired]);
  clearTimeout(timer);
  if (!finished) app.log.warn("grace period over; closing with requests still in flight");
  else app.log.info("shutdown complete");
  return finished;
}
