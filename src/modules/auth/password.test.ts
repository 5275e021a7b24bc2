import { describe, expect, it } from "vitest";
import { isCommonPassword } from "./common-passwords.js";
import {
  checkPasswordPolicy,
  createScryptHasher,
  parseScryptHash,
  PRODUCTION_SCRYPT,
} from "./password.js";

const fast = createScryptHasher({ logN: 10, r: 8, p: 1 });

describe("scrypt password hasher", () => {
  it("uses OWASP ASVS 5.0 parameters in production (N >= 2^17, r = 8, p = 1)", async () => {
    expect(PRODUCTION_SCRYPT.logN).toBeGreaterThanOrEqual(17);
    const hasher = createScryptHasher();
    const encoded = await hasher.hash("a long enough passphrase");
    const parsed = parseScryptHash(encoded);
    expect(parsed?.params).toEqual({ logN: 17, r: 8, p: 1 });
    expect(parsed?.salt).toHaveLength(16);
    expect(await hasher.verify(encoded, "a long enough passphrase")).toBe(true);
  });

  it("verifies the right password and rejects a wrong one", async () => {
    const encoded = await fast.hash("tr0ub4dor&3-but-longer");
    expect(encoded).toMatch(/^\$scrypt\$ln=10,r=8,p=1\$/);
    expect(await fast.verify(encoded, "tr0ub4dor&3-but-longer")).toBe(true);
    expect(await fast.verify(encoded, "tr0ub4dor&3-but-longeR")).toBe(false);
  });

  it("salts every hash", async () => {
    expect(await fast.hash("same password here")).not.toBe(await fast.hash("same password here"));
  });

  it("verifies hashes made with other parameters, so the cost can be raised later", async () => {
    const older = createScryptHasher({ logN: 9, r: 8, p: 1 });
    const encoded = await older.hash("rotate me later please");
    expect(await fast.verify(encoded, "rotate me later please")).toBe(true);
  });

  it("rejects malformed or absurd stored hashes instead of throwing", async () => {
    for (const bad of [
      "",
      "plain",
      "$scrypt$ln=40,r=8,p=1$AAAA$AAAA",
      "salt:hash",
      "$scrypt$ln=10",
    ]) {
      expect(await fast.verify(bad, "whatever password")).toBe(false);
    }
  });

  it("treats canonically equal Unicode passwords alike", async () => {
    const encoded = await fast.hash("caf\u00e9 au lait!!");
    expect(await fast.verify(encoded, "cafe\u0301 au lait!!")).toBe(true);
  });
});

describe("password policy", () => {
  it("requires 8 to 128 characters", () => {
    expect(checkPasswordPolicy("Xy7#kq2")?.code).toBe("PASSWORD_TOO_SHORT");
    expect(checkPasswordPolicy("Xy7#kq2!")).toBeUndefined();
    expect(checkPasswordPolicy("x".repeat(60) + "Y".repeat(68))).toBeUndefined();
    expect(checkPasswordPolicy("Z7".repeat(64) + "q")?.code).toBe("PASSWORD_TOO_LONG");
  });

  it.each([
    "password",
    "Password1",
    "PASSWORD123",
    "p@ssw0rd",
    "P@ssw0rd!",
    "12345678",
    "123456789",
    "qwertyuiop",
    "iloveyou",
    "sunshine1",
    "Monkey2024!",
    "dragon123",
    "football99",
    "aaaaaaaa",
    "abcabcabc",
    "1q2w3e4r",
    "letmein!",
    "Liverpool1",
  ])("rejects the common password %s", (password) => {
    expect(isCommonPassword(password)).toBe(true);
    expect(checkPasswordPolicy(password)).toMatchObject({
      code: "PASSWORD_TOO_COMMON",
      message: expect.stringContaining("commonly used") as string,
    });
  });

  it.each([
    "correct horse battery staple",
    "Xy7#kq2!",
    "monkey-lamp-orbit",
    "passwordless login 42",
  ])("accepts the uncommon password %s", (password) => {
    expect(checkPasswordPolicy(password)).toBeUndefined();
  });
});
