/** What the MCP Origin / Host check reads from configuration. */
export interface OriginPolicy {
  /** `ALLOWED_ORIGINS`, normalised without a trailing slash; `*` allows every origin. */
  allowedOrigins: readonly string[];
  /** `PUBLIC_URL`: the origin browsers see when the server itself is the page. */
  publicUrl: string | undefined;
}

/** The headers and connection facts one decision needs. */
export interface OriginRequest {
  origin: string | undefined;
  host: string | undefined;
  /** The request arrived on a loopback interface (127.0.0.1, ::1). */
  loopbackSocket: boolean;
}

/** Allowed, or refused with the problem code and a message for the caller. */
export type OriginVerdict =
  | { allowed: true }
  | { allowed: false; code: "ORIGIN_NOT_ALLOWED" | "HOST_NOT_ALLOWED"; detail: string };

const LOOPBACK_NAMES = new Set(["localhost", "127.0.0.1", "[::1]", "::1"]);

/** The host name of a `Host` header value (`example.com:8000` → `example.com`). */
function hostName(host: string): string {
  try {
    return new URL(`http://${host}`).hostname.toLowerCase();
  } catch {
    return "";
  }
}

function isLoopbackName(name: string): boolean {
  return LOOPBACK_NAMES.has(name) || /^127(\.\d{1,3}){3}$/.test(name);
}

function originOf(url: string): string | undefined {
  try {
    const parsed = new URL(url);
    return parsed.origin === "null" ? undefined : parsed.origin;
  } catch {
    return undefined;
  }
}

/** True for a socket address on the loopback interface. */
export function isLoopbackAddress(address: string | undefined): boolean {
  if (!address) return false;
  const plain = address.replace(/^::ffff:/, "");
  return plain === "::1" || /^127(\.\d{1,3}){3}$/.test(plain);
}

/**
 * Decides whether `/mcp` may serve a request, against DNS rebinding and cross-site browsers.
 *
 * - `Host`: on a loopback connection it must name loopback, `PUBLIC_URL` or an allowed origin;
 *   a browser tricked into resolving `evil.example` to 127.0.0.1 still sends `Host: evil.example`.
 * - `Origin`: absent (non-browser clients) is fine; otherwise it must be in `ALLOWED_ORIGINS`,
 *   be `PUBLIC_URL`'s origin, or be a loopback page talking to the same loopback host:port.
 */
export function checkOrigin(policy: OriginPolicy, request: OriginRequest): OriginVerdict {
  const allowAll = policy.allowedOrigins.includes("*");
  const publicOrigin = policy.publicUrl ? originOf(policy.publicUrl) : undefined;
  const host = (request.host ?? "").toLowerCase();
  const name = hostName(host);

  if (request.loopbackSocket && !allowAll) {
    const knownHosts = [publicOrigin, ...policy.allowedOrigins]
      .map((origin) => (origin ? originOf(origin) : undefined))
      .filter((origin): origin is string => origin !== undefined)
      .map((origin) => new URL(origin).hostname.toLowerCase());
    if (!isLoopbackName(name) && !knownHosts.includes(name)) {
      return {
        allowed: false,
        code: "HOST_NOT_ALLOWED",
        detail: `Host "${host || "(none)"}" is not allowed for MCP on this server; set PUBLIC_URL or ALLOWED_ORIGINS to the name clients use.`,
      };
    }
  }

  if (request.origin === undefined) return { allowed: true };
  const origin = originOf(request.origin);
  const refused: OriginVerdict = {
    allowed: false,
    code: "ORIGIN_NOT_ALLOWED",
    detail: `Origin "${request.origin.slice(0, 200)}" is not allowed to call MCP; add it to ALLOWED_ORIGINS.`,
  };
  if (!origin) return refused;
  if (allowAll || policy.allowedOrigins.includes(origin) || origin === publicOrigin) {
    return { allowed: true };
  }
  const originUrl = new URL(origin);
  if (isLoopbackName(originUrl.hostname) && originUrl.host === host) return { allowed: true };
  return refused;
}
