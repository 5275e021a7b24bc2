import { randomBytes } from "node:crypto";
import type { Cache } from "../platform/cache.js";

/** What Docket remembers about an MCP session: whose it is, and what the client negotiated. */
export interface McpSession {
  id: string;
  userId: string;
  protocolVersion: string;
  createdAt: string;
  /** Last time the idle timer was pushed back (ISO 8601). */
  touchedAt: string;
}

/** Options of the session store. */
export interface McpSessionStoreOptions {
  /** Idle lifetime of a session. @default 86400 (24 h) */
  idleTtlSeconds?: number;
  /** Push the idle timer back at most this often, to save a cache write per request. @default 300 */
  touchEverySeconds?: number;
  /** The clock (tests). */
  now?: () => number;
}

const SESSION_ID = /^[A-Za-z0-9_-]{16,128}$/;

/**
 * MCP sessions kept in the shared cache (Redis when configured), not in process memory, so any
 * app instance behind a load balancer can serve any session. A session is not a credential:
 * every request still authenticates, and a session only answers to the user who opened it.
 */
export class McpSessionStore {
  private readonly idleTtlSeconds: number;
  private readonly touchEveryMs: number;
  private readonly now: () => number;

  constructor(
    private readonly cache: Cache,
    options: McpSessionStoreOptions = {},
  ) {
    this.idleTtlSeconds = options.idleTtlSeconds ?? 86_400;
    this.touchEveryMs = (options.touchEverySeconds ?? 300) * 1000;
    this.now = options.now ?? Date.now;
  }

  /** A new unguessable session id (also what the SDK's examples use: 128+ random bits). */
  static newId(): string {
    return randomBytes(24).toString("base64url");
  }

  private key(id: string): string {
    return `mcp:session:${id}`;
  }

  /** Records a session the initialize request just opened. */
  async create(id: string, userId: string, protocolVersion: string): Promise<McpSession> {
    const at = new Date(this.now()).toISOString();
    const session = { id, userId, protocolVersion, createdAt: at, touchedAt: at };
    await this.cache.set(this.key(id), JSON.stringify(session), this.idleTtlSeconds);
    return session;
  }

  /**
   * The live session `id` of `userId`, or undefined when it never existed, expired, was deleted
   * or belongs to someone else (indistinguishable on purpose).
   */
  async find(id: string, userId: string): Promise<McpSession | undefined> {
    if (!SESSION_ID.test(id)) return undefined;
    const raw = await this.cache.get(this.key(id));
    if (!raw) return undefined;
    let session: McpSession;
    try {
      session = JSON.parse(raw) as McpSession;
    } catch {
      return undefined;
    }
    if (session.userId !== userId) return undefined;
    if (this.now() - Date.parse(session.touchedAt) > this.touchEveryMs) {
      session.touchedAt = new Date(this.now()).toISOString();
      await this.cache.set(this.key(id), JSON.stringify(session), this.idleTtlSeconds);
    }
    return session;
  }

  /** Ends a session (DELETE /mcp). */
  async delete(id: string): Promise<void> {
    if (SESSION_ID.test(id)) await this.cache.delete(this.key(id));
  }
}
