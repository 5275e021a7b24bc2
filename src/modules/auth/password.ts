import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from "node:crypto";
import { isCommonPassword } from "./common-passwords.js";

/** Hashes and verifies passwords; Better Auth, the CLI and tests all go through one of these. */
export interface PasswordHasher {
  hash(password: string): Promise<string>;
  verify(encoded: string, password: string): Promise<boolean>;
}

/** scrypt cost parameters, recorded in every hash so they can be raised later. */
export interface ScryptParams {
  /** log2 of the CPU/memory cost N. */
  logN: number;
  /** Block size r. */
  r: number;
  /** Parallelism p. */
  p: number;
}

/** OWASP ASVS 5.0 / Password Storage Cheat Sheet minimum for scrypt: N=2^17, r=8, p=1 (128 MiB). */
export const PRODUCTION_SCRYPT: ScryptParams = { logN: 17, r: 8, p: 1 };

/** Password length limits (characters). */
export const PASSWORD_MIN_LENGTH = 8;
export const PASSWORD_MAX_LENGTH = 128;

const KEY_LENGTH = 64;
const SALT_BYTES = 16;
// Refuse absurd parameters read back from storage rather than exhausting memory.
const MAX_LOG_N = 22;

function scryptAsync(password: string, salt: Buffer, params: ScryptParams): Promise<Buffer> {
  const options: ScryptOptions = {
    N: 2 ** params.logN,
    r: params.r,
    p: params.p,
    // Node's default maxmem (32 MiB) is below what N=2^17, r=8 needs (128 MiB).
    maxmem: Math.max(256 * 1024 * 1024, 256 * 2 ** params.logN * params.r),
  };
  return new Promise((resolve, reject) => {
    scrypt(password.normalize("NFKC"), salt, KEY_LENGTH, options, (error, key) => {
      if (error) reject(error);
      else resolve(key);
    });
  });
}

/**
 * Bounds how many hashes run at once: each costs 128 MiB and a libuv thread, so a burst of
 * sign-ins must queue instead of exhausting memory or starving file and DNS work.
 */
class Semaphore {
  private active = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(private readonly limit: number) {}

  async run<T>(work: () => Promise<T>): Promise<T> {
    if (this.active >= this.limit) {
      await new Promise<void>((resolve) => this.waiting.push(resolve));
    } else {
      this.active++;
    }
    try {
      return await work();
    } finally {
      const next = this.waiting.shift();
      if (next) next();
      else this.active--;
    }
  }
}

/** Encodes as `$scrypt$ln=17,r=8,p=1$<salt base64>$<key base64>`. */
function encode(params: ScryptParams, salt: Buffer, key: Buffer): string {
  return `$scrypt$ln=${params.logN},r=${params.r},p=${params.p}$${salt.toString("base64")}$${key.toString("base64")}`;
}

/** Parses an encoded hash; undefined when it is not one of ours. */
export function parseScryptHash(
  encoded: string,
): { params: ScryptParams; salt: Buffer; key: Buffer } | undefined {
  const match = /^\$scrypt\$ln=(\d+),r=(\d+),p=(\d+)\$([A-Za-z0-9+/=]+)\$([A-Za-z0-9+/=]+)$/.exec(
    encoded,
  );
  if (!match) return undefined;
  const params = { logN: Number(match[1]), r: Number(match[2]), p: Number(match[3]) };
  if (params.logN < 1 || params.logN > MAX_LOG_N || params.r < 1 || params.r > 32) return undefined;
  if (params.p < 1 || params.p > 16) return undefined;
  return {
    params,
    salt: Buffer.from(match[4] ?? "", "base64"),
    key: Buffer.from(match[5] ?? "", "base64"),
  };
}

/** A scrypt hasher with the given parameters (production: `PRODUCTION_SCRYPT`). */
export function createScryptHasher(
  params: ScryptParams = PRODUCTION_SCRYPT,
  concurrency = 2,
): PasswordHasher & { params: ScryptParams } {
  const gate = new Semaphore(concurrency);
  return {
    params,
    async hash(password) {
      const salt = randomBytes(SALT_BYTES);
      const key = await gate.run(() => scryptAsync(password, salt, params));
      return encode(params, salt, key);
    },
    async verify(encoded, password) {
      const parsed = parseScryptHash(encoded);
      if (!parsed || parsed.key.length === 0) return false;
      const key = await gate.run(() => scryptAsync(password, parsed.salt, parsed.params));
      return key.length === parsed.key.length && timingSafeEqual(key, parsed.key);
    },
  };
}

/** Why a password is refused, as a code and a message a person can act on. */
export interface PasswordProblem {
  code: "PASSWORD_TOO_SHORT" | "PASSWORD_TOO_LONG" | "PASSWORD_TOO_COMMON";
  message: string;
}

/** Checks a new password against the policy; undefined when it is acceptable. */
export function checkPasswordPolicy(password: string): PasswordProblem | undefined {
  // UTF-16 length, as Better Auth counts it, so both layers agree on the limits.
  const length = password.length;
  if (length < PASSWORD_MIN_LENGTH) {
    return {
      code: "PASSWORD_TOO_SHORT",
      message: `Password must be at least ${PASSWORD_MIN_LENGTH} characters.`,
    };
  }
  if (length > PASSWORD_MAX_LENGTH) {
    return {
      code: "PASSWORD_TOO_LONG",
      message: `Password must be at most ${PASSWORD_MAX_LENGTH} characters.`,
    };
  }
  if (isCommonPassword(password)) {
    return {
      code: "PASSWORD_TOO_COMMON",
      message:
        "This password is one of the most commonly used and easy to guess; choose another (a few unrelated words work well).",
    };
  }
  return undefined;
}
