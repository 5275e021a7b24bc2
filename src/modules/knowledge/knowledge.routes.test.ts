import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { App } from "../../app.js";
import { makePdf, multipart } from "../../../test/factories/files.js";
import { signUp, testPasswordHasher, type TestUser } from "../../../test/helpers/auth.js";
import { buildTestApp } from "../../../test/helpers/app.js";

let app: App;
let alice: TestUser;
let bob: TestUser;
beforeAll(async () => {
  app = await buildTestApp({
    env: { DOCUMENT_MAX_BYTES: "8192" },
    overrides: { passwordHasher: testPasswordHasher },
  });
  alice = await signUp(app);
  bob = await signUp(app);
});
afterAll(async () => {
  await app.close();
});

const upload = (user: TestUser, parts: Parameters<typeof multipart>[0]) => {
  const body = multipart(parts);
  return app.inject({
    method: "POST",
    url: "/api/documents",
    headers: { ...user.headers, ...body.headers },
    payload: body.payload,
  });
};

describe("/api/documents and /api/search", () => {
  it("requires credentials", async () => {
    for (const url of ["/api/documents", "/api/search?q=x"]) {
      expect((await app.inject({ method: "GET", url })).statusCode).toBe(401);
    }
    const response = await app.inject({
      method: "POST",
      url: "/api/documents",
      payload: { content: "x" },
    });
    expect(response.statusCode).toBe(401);
  });

  it("ingests JSON text (201), answers 200 for the same content again, and searches it", async () => {
    const payload = {
      title: "Onboarding",
      content: "Laptops are issued on the first day.",
      source_url: "https://wiki.test/onboarding",
    };
    const created = await app.inject({
      method: "POST",
      url: "/api/documents",
      headers: alice.headers,
      payload,
    });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({ title: "Onboarding", status: "ready", chunk_count: 1 });
    const again = await app.inject({
      method: "POST",
      url: "/api/documents",
      headers: alice.headers,
      payload,
    });
    expect(again.statusCode).toBe(200);
    expect(again.json().id).toBe(created.json().id);

    const search = await app.inject({
      method: "GET",
      url: "/api/search?q=laptop%20issued&limit=5",
      headers: alice.headers,
    });
    expect(search.statusCode).toBe(200);
    expect(search.json().results[0]).toMatchObject({
      document_id: created.json().id,
      document_title: "Onboarding",
      text: "Laptops are issued on the first day.",
      position: 0,
    });
    const foreign = await app.inject({
      method: "GET",
      url: "/api/search?q=laptop",
      headers: bob.headers,
    });
    expect(foreign.json().results).toEqual([]);
  });

  it("uploads markdown, HTML and PDF files as multipart", async () => {
    const markdown = await upload(alice, [
      { name: "title", value: "Runbook" },
      {
        name: "file",
        value: "# Deploy\n\nRun the pipeline.",
        filename: "runbook.md",
        contentType: "text/markdown",
      },
    ]);
    expect(markdown.statusCode).toBe(201);
    expect(markdown.json()).toMatchObject({ title: "Runbook", content_type: "text/markdown" });
    const html = await upload(alice, [
      {
        name: "file",
        value: "<title>Menu</title><p>Soup of the day</p><script>x()</script>",
        filename: "menu.html",
        contentType: "text/html",
      },
    ]);
    expect(html.json()).toMatchObject({ title: "Menu", status: "ready" });
    const pdf = await upload(alice, [
      {
        name: "file",
        value: makePdf("Invoice total is forty euros"),
        filename: "invoice.pdf",
        contentType: "application/pdf",
      },
    ]);
    expect(pdf.statusCode).toBe(201);
    const search = await app.inject({
      method: "GET",
      url: "/api/search?q=invoice%20euros",
      headers: alice.headers,
    });
    expect(search.json().results[0]).toMatchObject({ document_title: "invoice", page: 1 });
  });

  it("rejects unsupported (415), oversize (413), empty and corrupt (422) files without leaving rows", async () => {
    const before = (
      await app.inject({ method: "GET", url: "/api/documents?limit=200", headers: alice.headers })
    ).json().documents.length;
    const png = await upload(alice, [
      {
        name: "file",
        value: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0]),
        filename: "a.png",
        contentType: "image/png",
      },
    ]);
    expect(png.statusCode).toBe(415);
    expect(png.headers["content-type"]).toContain("application/problem+json");
    expect(png.json().code).toBe("UNSUPPORTED_DOCUMENT_TYPE");
    const big = await upload(alice, [
      { name: "file", value: "a ".repeat(5000), filename: "big.txt", contentType: "text/plain" },
    ]);
    expect(big.statusCode).toBe(413);
    const bigJson = await app.inject({
      method: "POST",
      url: "/api/documents",
      headers: alice.headers,
      payload: { content: "a ".repeat(5000) },
    });
    expect(bigJson.statusCode).toBe(413);
    const empty = await upload(alice, [
      { name: "file", value: "", filename: "empty.txt", contentType: "text/plain" },
    ]);
    expect(empty.statusCode).toBe(422);
    const corrupt = await upload(alice, [
      {
        name: "file",
        value: "%PDF-1.7 not really",
        filename: "x.pdf",
        contentType: "application/pdf",
      },
    ]);
    expect(corrupt.statusCode).toBe(422);
    const noFile = await upload(alice, [{ name: "title", value: "Nothing" }]);
    expect(noFile.statusCode).toBe(422);
    const xml = await app.inject({
      method: "POST",
      url: "/api/documents",
      headers: { ...alice.headers, "content-type": "application/xml" },
      payload: "<a/>",
    });
    expect(xml.statusCode).toBe(415);
    const blank = await app.inject({
      method: "POST",
      url: "/api/documents",
      headers: alice.headers,
      payload: { content: "" },
    });
    expect(blank.statusCode).toBe(422);
    const after = (
      await app.inject({ method: "GET", url: "/api/documents?limit=200", headers: alice.headers })
    ).json().documents.length;
    expect(after).toBe(before);
  });

  it("answers malformed multipart, a second file and unstorable names with 4xx, storing nothing", async () => {
    const count = async () =>
      (
        await app.inject({ method: "GET", url: "/api/documents?limit=200", headers: alice.headers })
      ).json<{ documents: unknown[] }>().documents.length;
    const before = await count();
    const file = { name: "file", value: "hello", filename: "a.txt", contentType: "text/plain" };
    const expectProblem = (
      response: Awaited<ReturnType<typeof upload>>,
      status: number,
      code: string,
      detail: RegExp,
    ) => {
      expect(response.statusCode).toBe(status);
      expect(response.headers["content-type"]).toContain("application/problem+json");
      expect(response.json()).toMatchObject({ code, detail: expect.stringMatching(detail) });
    };
    expectProblem(
      await upload(alice, [file, { ...file, filename: "b.txt" }]),
      422,
      "VALIDATION_FAILED",
      /one file/,
    );
    expectProblem(
      await upload(alice, [{ name: "title", value: "a\u0000b" }, file]),
      422,
      "VALIDATION_FAILED",
      /title: must not contain NUL/,
    );
    expectProblem(
      await upload(alice, [{ ...file, filename: "a\u0000.txt" }]),
      422,
      "VALIDATION_FAILED",
      /filename: must not contain NUL/,
    );
    const whole = multipart([file]);
    const cut = await app.inject({
      method: "POST",
      url: "/api/documents",
      headers: { ...alice.headers, ...whole.headers },
      payload: whole.payload.subarray(0, whole.payload.length - 20),
    });
    expectProblem(cut, 400, "MALFORMED_MULTIPART", /could not be read/);
    const noBoundary = await app.inject({
      method: "POST",
      url: "/api/documents",
      headers: { ...alice.headers, "content-type": "multipart/form-data" },
      payload: "hello",
    });
    expectProblem(noBoundary, 400, "MALFORMED_MULTIPART", /Boundary/);
    expect(await count()).toBe(before);
  });

  it("accepts only http(s) source URLs", async () => {
    const before = (
      await app.inject({ method: "GET", url: "/api/documents?limit=200", headers: alice.headers })
    ).json<{ documents: unknown[] }>().documents.length;
    for (const source_url of [
      "javascript:alert(1)",
      "data:text/html,<b>x</b>",
      "file:///etc/passwd",
    ]) {
      const response = await app.inject({
        method: "POST",
        url: "/api/documents",
        headers: alice.headers,
        payload: { title: "Linked", content: "Some text.", source_url },
      });
      expect(response.statusCode, source_url).toBe(422);
      expect(response.json()).toMatchObject({
        errors: [{ path: "source_url", message: "must be an http or https URL" }],
      });
    }
    const after = (
      await app.inject({ method: "GET", url: "/api/documents?limit=200", headers: alice.headers })
    ).json<{ documents: unknown[] }>().documents.length;
    expect(after).toBe(before);
  });

  it("gets and deletes only the caller's own documents", async () => {
    const created = await app.inject({
      method: "POST",
      url: "/api/documents",
      headers: alice.headers,
      payload: { title: "Private", content: "Only for Alice." },
    });
    const id: string = created.json().id;
    expect(
      (await app.inject({ method: "GET", url: `/api/documents/${id}`, headers: bob.headers }))
        .statusCode,
    ).toBe(404);
    expect(
      (await app.inject({ method: "DELETE", url: `/api/documents/${id}`, headers: bob.headers }))
        .statusCode,
    ).toBe(404);
    expect(
      (
        await app.inject({ method: "GET", url: `/api/documents/${id}`, headers: alice.headers })
      ).json().title,
    ).toBe("Private");
    const listed = await app.inject({ method: "GET", url: "/api/documents", headers: bob.headers });
    expect(listed.json()).toEqual({ documents: [], next_cursor: null });
    expect(
      (await app.inject({ method: "DELETE", url: `/api/documents/${id}`, headers: alice.headers }))
        .statusCode,
    ).toBe(204);
    expect(
      (await app.inject({ method: "GET", url: `/api/documents/${id}`, headers: alice.headers }))
        .statusCode,
    ).toBe(404);
  });

  it("validates search parameters", async () => {
    for (const query of ["", "?q=", "?q=x&limit=0", "?q=x&limit=201", "?q=x&limit=0x10"]) {
      const response = await app.inject({
        method: "GET",
        url: `/api/search${query}`,
        headers: alice.headers,
      });
      expect(response.statusCode).toBe(422);
    }
  });

  it("reports the lexical mode in /health/detailed", async () => {
    const health = await app.inject({ method: "GET", url: "/health/detailed" });
    expect(health.json().dependencies.knowledge).toMatchObject({
      status: "healthy",
      mode: "lexical",
    });
  });
});
