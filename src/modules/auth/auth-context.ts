import { AsyncLocalStorage } from "node:async_hooks";

/**
 * Better Auth keeps its per-call context in `AsyncLocalStorage`s. On Node 20 a storage that has
 * run once turns on async_hooks' promise hooks for the whole process until it is disabled, and
 * from then on every promise of every request pays for them (an `await` costs ~2.5× as much:
 * `bench/README.md`, 2026-12-03). Better Auth only runs inside `/api/auth/*`, the JWKS route and
 * the CLI's sign-up, so those calls go through `withAuthContext`, and when the last one in flight
 * ends its storages are disabled. Its next call enables them again (`run` does). Better Auth's
 * own work is awaited inside its calls (it defers nothing to the background unless configured
 * to, and we do not), so nothing of it runs after a call ends.
 */
let inFlight = 0;

/** Runs one Better Auth call; the last call in flight switches its context storages off. */
export async function withAuthContext<T>(call: () => Promise<T>): Promise<T> {
  inFlight += 1;
  try {
    return await call();
  } finally {
    inFlight -= 1;
    if (inFlight === 0) disableAuthContext();
  }
}

/** Switches Better Auth's storages off unless one of its calls is in flight (at start-up). */
export function settleAuthContext(): void {
  if (inFlight === 0) disableAuthContext();
}

/** Disables every `AsyncLocalStorage` Better Auth keeps in its global context object. */
function disableAuthContext(): void {
  const global = (globalThis as Record<symbol, { context?: Record<string, unknown> } | undefined>)[
    Symbol.for("better-auth:global")
  ];
  for (const value of Object.values(global?.context ?? {})) {
    if (value instanceof AsyncLocalStorage) value.disable();
  }
}
