import { describe, expect, it } from "vitest";
import { checkOrigin, isLoopbackAddress } from "./origin.js";

const policy = {
  allowedOrigins: ["https://app.example.com"],
  publicUrl: "https://docket.example.com",
};

describe("checkOrigin", () => {
  it("allows non-browser clients (no Origin) on any Host off loopback", () => {
    expect(
      checkOrigin(policy, { origin: undefined, host: "10.0.0.5:8000", loopbackSocket: false }),
    ).toEqual({ allowed: true });
  });

  it("allows listed origins, PUBLIC_URL and same-origin loopback pages", () => {
    for (const [origin, host] of [
      ["https://app.example.com", "docket.example.com"],
      ["https://docket.example.com", "docket.example.com"],
      ["http://127.0.0.1:8000", "127.0.0.1:8000"],
      ["http://localhost:8000", "localhost:8000"],
    ] as const) {
      expect(checkOrigin(policy, { origin, host, loopbackSocket: true }).allowed, origin).toBe(
        true,
      );
    }
  });

  it("refuses foreign, opaque and malformed origins, and loopback pages on another port", () => {
    for (const origin of ["https://evil.example", "null", "not a url", "http://localhost:9999"]) {
      const verdict = checkOrigin(policy, { origin, host: "localhost:8000", loopbackSocket: true });
      expect(verdict, origin).toMatchObject({ allowed: false, code: "ORIGIN_NOT_ALLOWED" });
    }
  });

  it("refuses a rebound Host on a loopback connection, even when Origin matches it", () => {
    const verdict = checkOrigin(
      { allowedOrigins: [], publicUrl: undefined },
      { origin: "http://evil.example:8000", host: "evil.example:8000", loopbackSocket: true },
    );
    expect(verdict).toMatchObject({ allowed: false, code: "HOST_NOT_ALLOWED" });
  });

  it("allows every origin with ALLOWED_ORIGINS=*", () => {
    const verdict = checkOrigin(
      { allowedOrigins: ["*"], publicUrl: undefined },
      { origin: "https://anything.example", host: "anything.example", loopbackSocket: true },
    );
    expect(verdict.allowed).toBe(true);
  });
});

describe("isLoopbackAddress", () => {
  it("recognises IPv4, IPv6 and mapped loopback only", () => {
    expect(["127.0.0.1", "::1", "::ffff:127.0.0.1"].every(isLoopbackAddress)).toBe(true);
    expect(["10.0.0.1", "::ffff:10.0.0.1", undefined].some(isLoopbackAddress)).toBe(false);
  });
});
