import { connect } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { App } from "./app.js";
import { buildTestApp } from "../test/helpers/app.js";

/** Writes raw bytes to the server and returns everything it answers before closing. */
function raw(port: number, request: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, "127.0.0.1", () => socket.write(request));
    let received = "";
    socket.on("data", (chunk) => (received += chunk.toString()));
    socket.on("close", () => resolve(received));
    socket.on("error", reject);
  });
}

function parse(response: string) {
  const [head = "", body = ""] = response.split("\r\n\r\n");
  return {
    status: head.split("\r\n")[0],
    head: head.toLowerCase(),
    body: JSON.parse(body) as Record<string, unknown>,
  };
}

describe("requests the HTTP parser rejects", () => {
  let app: App;
  let port: number;
  beforeAll(async () => {
    app = await buildTestApp();
    await app.listen({ port: 0, host: "127.0.0.1" });
    const address = app.server.address();
    port = typeof address === "object" && address ? address.port : 0;
  });
  afterAll(async () => {
    await app.close();
  });

  it("answers a malformed request with a 400 problem and closes the connection", async () => {
    const response = parse(
      await raw(port, "GET /api/tasks HTTP/1.1\r\nHost: x\r\nBroken header line\r\n\r\n"),
    );
    expect(response.status).toBe("HTTP/1.1 400 Bad Request");
    expect(response.head).toContain("content-type: application/problem+json");
    expect(response.head).toContain("connection: close");
    expect(response.body).toMatchObject({ status: 400, code: "MALFORMED_REQUEST" });
    expect(response.body.request_id).toEqual(expect.any(String));
  });

  it("answers oversized headers with 431", async () => {
    const huge = "x".repeat(20_000);
    const response = parse(await raw(port, `GET / HTTP/1.1\r\nHost: x\r\nX-Big: ${huge}\r\n\r\n`));
    expect(response.status).toBe("HTTP/1.1 431 Request Header Fields Too Large");
    expect(response.body).toMatchObject({ status: 431, code: "HEADERS_TOO_LARGE" });
  });

  it("keeps serving well-formed requests afterwards", async () => {
    const response = await fetch(`http://127.0.0.1:${String(port)}/health/live`);
    expect(response.status).toBe(200);
  });
});
