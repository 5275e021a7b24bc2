import { createHash, randomBytes } from "node:crypto";

/** Every Docket API key starts with this, so scanners and people can recognise one. */
export const API_KEY_PREFIX = "dk_";

/** `dk_` + 32 base64url characters (192 random bits). */
export const API_KEY_PATTERN = /^dk_[A-Za-z0-9_-]{32}$/;

/** Characters of a key kept for display (`dk_` plus the first 8 random characters). */
const DISPLAY_CHARS = API_KEY_PREFIX.length + 8;

/** A new random key and what is stored about it. */
export function generateApiKey(): { key: string; hash: string; prefix: string } {
  const key = `${API_KEY_PREFIX}${randomBytes(24).toString("base64url")}`;
  return { key, hash: hashApiKey(key), prefix: key.slice(0, DISPLAY_CHARS) };
}

/** The stored form of a key: SHA-256, hex. Keys are high-entropy, so no salt or slow hash is needed. */
export function hashApiKey(key: string): string {
  return createHash("sha256").update(key).digest("hex");
}
