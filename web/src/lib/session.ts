import { api, ApiError } from "./api.js";
import { browserTimeZone, isValidTimeZone } from "./dates.js";
import type { Me } from "./types.js";

interface SessionResponse {
  user?: { id: string; email: string; name: string; timezone?: string; createdAt?: string };
}

/** The signed-in user, or null; profile from `/api/me`, falling back to the session's user. */
export async function loadCurrentUser(): Promise<Me | null> {
  const session = await api<SessionResponse | null>("/api/auth/get-session");
  const user = session?.user;
  if (!user) return null;
  try {
    return await api<Me>("/api/me");
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) return null;
    return {
      id: user.id,
      email: user.email,
      name: user.name,
      timezone: user.timezone ?? "UTC",
      created_at: user.createdAt ?? new Date().toISOString(),
    };
  }
}

/**
 * On a user's first sign-in in this browser, adopt the browser's timezone if the account still
 * has the default UTC — once, so a later deliberate choice of UTC is respected.
 */
export async function adoptBrowserTimeZone(me: Me): Promise<Me> {
  const flag = `docket:tz-checked:${me.id}`;
  try {
    if (localStorage.getItem(flag)) return me;
    localStorage.setItem(flag, "1");
  } catch {
    return me;
  }
  const zone = browserTimeZone();
  if (me.timezone !== "UTC" || zone === "UTC" || !isValidTimeZone(zone)) return me;
  try {
    return await api<Me>("/api/me", { method: "PATCH", body: { timezone: zone } });
  } catch {
    return me;
  }
}

/** Signs out; the server clears the cookie. */
export async function signOut(): Promise<void> {
  await api("/api/auth/sign-out", { method: "POST", body: {} });
}
