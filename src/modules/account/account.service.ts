import { eq } from "drizzle-orm";
import type { Database } from "../../db/client.js";
import { user } from "../../db/schema/auth.js";
import { AppError } from "../../errors.js";
import type { Actor } from "../auth/actor.js";
import type { UpdateProfileInput } from "./account.schemas.js";

/** The profile fields the API shows. */
export interface Profile {
  id: string;
  email: string;
  name: string;
  timezone: string;
  createdAt: Date;
}

const columns = {
  id: user.id,
  email: user.email,
  name: user.name,
  timezone: user.timezone,
  createdAt: user.createdAt,
};

/** Reads and updates the acting user's own profile. */
export function createAccountService(db: Database) {
  return {
    /** The actor's profile; 401 when the user was deleted after authenticating. */
    async getProfile(actor: Actor): Promise<Profile> {
      const [row] = await db.select(columns).from(user).where(eq(user.id, actor.userId)).limit(1);
      if (!row) throw new AppError(401, "UNAUTHORIZED", "The account no longer exists.");
      return row;
    },

    /** Changes name and/or timezone; an empty patch returns the profile unchanged. */
    async updateProfile(actor: Actor, input: UpdateProfileInput): Promise<Profile> {
      const changes = {
        ...(input.name !== undefined ? { name: input.name } : {}),
        ...(input.timezone !== undefined ? { timezone: input.timezone } : {}),
      };
      if (Object.keys(changes).length === 0) return this.getProfile(actor);
      const [row] = await db
        .update(user)
        .set({ ...changes, updatedAt: new Date() })
        .where(eq(user.id, actor.userId))
        .returning(columns);
      if (!row) throw new AppError(401, "UNAUTHORIZED", "The account no longer exists.");
      return row;
    },
  };
}

/** The account service's type. */
export type AccountService = ReturnType<typeof createAccountService>;
