import type { Actor } from "./actor.js";

/** What a verified credential resolved to, and until when it may be trusted. */
export interface CachedCredential {
  actor: Omit<Actor, "via">;
  /** The credential's own end (session expiry, API key expiry), epoch ms; null when none. */
  validUntil: number | null;
}

interface Entry extends CachedCredential {
  cachedUntil: number;
}

/**
 * A short-lived, bounded, in-process memory of verified credentials, so a busy client costs one
 * database round trip per request (its query) instead of two (credential lookup + query).
 *
 * Revocation is immediate on this instance: key revocation, profile changes and every Better
 * Auth write (sign-out, session revocation, password change, account deletion) evict entries.
 * Another instance may accept a revoked credential for at most `ttlMs` — the same trade-off as
 * Better Auth's cookie cache, with a window of seconds instead of minutes. A TTL of 0 disables it.
 */
export class ActorCache {
  private readonly entries = new Map<string, Entry>();

  constructor(
    private readonly ttlMs: number,
    private readonly maxEntries = 10_000,
  ) {}

  /** The cached credential for `key`, unless stale or past its own validity. */
  get(key: string, now: number): CachedCredential | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    if (entry.cachedUntil <= now || (entry.validUntil !== null && entry.validUntil <= now)) {
      this.entries.delete(key);
      return undefined;
    }
    return entry;
  }

  /** Remembers a credential just verified against the database. */
  set(key: string, credential: CachedCredential, now: number): void {
    if (this.ttlMs <= 0) return;
    this.entries.delete(key);
    if (this.entries.size >= this.maxEntries) {
      // Maps iterate in insertion order: the first key is the oldest entry.
      const oldest = this.entries.keys().next();
      if (!oldest.done) this.entries.delete(oldest.value);
    }
    this.entries.set(key, { ...credential, cachedUntil: now + this.ttlMs });
  }

  /** Forgets every credential of one user (key revoked, timezone changed). */
  forgetUser(userId: string): void {
    for (const [key, entry] of this.entries) {
      if (entry.actor.userId === userId) this.entries.delete(key);
    }
  }

  /** Forgets everything (after a Better Auth write whose user is not known here). */
  clear(): void {
    this.entries.clear();
  }

  /** How many credentials are remembered (for tests and metrics). */
  get size(): number {
    return this.entries.size;
  }
}
