import { existsSync, statSync } from "node:fs";
import { join, normalize, sep } from "node:path";
import fastifyStatic from "@fastify/static";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { WEB_DIST_DIR } from "../paths.js";

/** Paths owned by the API and operations surfaces: never answered with the web app. */
const SERVER_PREFIXES = ["/api", "/mcp", "/docs", "/health", "/metrics", "/livez", "/readyz"];

/** Hashed build output never changes under its name, so browsers may keep it for a year. */
const IMMUTABLE = "public, max-age=31536000, immutable";

/** Options of the web UI plugin. */
export interface WebOptions {
  /** The built app (default: `dist/web` at the package root). */
  root?: string;
}

function isServerPath(pathname: string): boolean {
  return SERVER_PREFIXES.some((prefix) => pathname === prefix || pathname.startsWith(`${prefix}/`));
}

function wantsHtml(request: FastifyRequest): boolean {
  const accept = request.headers.accept ?? "";
  return accept.includes("text/html");
}

/** Resolves a URL path to a regular file inside `root`, or undefined (missing, a folder, outside). */
function fileInside(root: string, pathname: string): string | undefined {
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    return undefined;
  }
  if (decoded.includes("\0")) return undefined;
  const relative = normalize(decoded).replace(/^([/\\])+/, "");
  if (relative === "" || relative.startsWith("..")) return undefined;
  const absolute = join(root, relative);
  if (!absolute.startsWith(root + sep)) return undefined;
  try {
    return statSync(absolute).isFile() ? relative : undefined;
  } catch {
    return undefined;
  }
}

function sendIndex(reply: FastifyReply): FastifyReply {
  return reply.header("Cache-Control", "no-cache").sendFile("index.html", { cacheControl: false });
}

/**
 * Serves the built web UI from the same origin as the API: hashed assets with long-lived caching,
 * `index.html` (no-cache) for any page a browser navigates to, so client-side routes survive a
 * reload. Unknown API paths keep their problem+json 404. Without a build it logs a hint and
 * serves nothing, so the API works from a fresh clone before `npm run build:web`.
 */
export async function registerWebUi(app: FastifyInstance, options: WebOptions = {}): Promise<void> {
  const root = normalize(options.root ?? WEB_DIST_DIR);
  if (!existsSync(join(root, "index.html"))) {
    app.log.warn(
      { web_dist: root },
      "web UI not built; run `npm run build:web` (or `npm start`, which builds it) to serve it",
    );
    return;
  }
  // serve:false — we route ourselves, so a missing file can fall back to the app or a problem.
  // preCompressed: the build writes .br/.gz beside each asset; clients that accept them get those.
  await app.register(fastifyStatic, { root, serve: false, preCompressed: true });

  app.get("/*", { schema: { hide: true } }, (request, reply) => {
    const pathname = request.url.split("?")[0] ?? "/";
    if (pathname === "/") return sendIndex(reply);
    if (!isServerPath(pathname)) {
      const file = fileInside(root, pathname);
      if (file === "index.html") return sendIndex(reply);
      if (file) {
        const hashed = file.startsWith(`assets${sep}`);
        return reply
          .header("Cache-Control", hashed ? IMMUTABLE : "public, max-age=3600")
          .sendFile(file, { cacheControl: false });
      }
      if (wantsHtml(request)) return sendIndex(reply);
    }
    // The app's not-found handler: a 404, or a 405 for a path that serves other methods.
    return reply.callNotFound();
  });
}
