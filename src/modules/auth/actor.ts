import type { FastifyRequest } from "fastify";
import { AppError } from "../../errors.js";

/** Who is acting: every service method takes one, and every query is scoped by `userId`. */
export interface Actor {
  userId: string;
  /** The user's IANA timezone; it interprets "tomorrow 5pm". */
  timezone: string;
  /** How the request authenticated. */
  via: "session" | "bearer" | "api_key" | "cli";
}

declare module "fastify" {
  interface FastifyRequest {
    /** Set by the authentication hook on protected routes. */
    actor?: Actor;
  }
}

/** The authenticated actor of a request on a protected route; 401 when there is none. */
export function actorOf(request: FastifyRequest): Actor {
  if (!request.actor) throw new AppError(401, "UNAUTHORIZED", "Authentication is required.");
  return request.actor;
}
