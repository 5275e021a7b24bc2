import { join } from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchBrowser, newSession, signUpInBrowser, type PageWatch } from "./support/browser.js";
import { SCREENSHOT_DIR } from "./support/paths.js";
import { startServer, type TestServer } from "./support/server.js";

/**
 * The documents page and the conversation list against their API.md contracts, served in
 * place of the knowledge and conversation routes so they run before those features merge.
 * Auth, the profile and tasks are the real server's.
 */

const now = () => new Date().toISOString();

describe("documents page and conversation list", () => {
  let server: TestServer;
  let browser: Browser;
  let page: Page;
  let watch: PageWatch;

  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
    ({ page, watch } = await newSession(browser));
    await signUpInBrowser(page, server.url, "Linus");
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it("uploads several files as multipart `file`, polls while processing, searches and deletes", async () => {
    const documents: Record<string, unknown>[] = [];
    const uploads: { contentType: string; body: string }[] = [];
    let polls = 0;
    await page.route("**/api/documents?**", (route) => {
      polls += 1;
      // Processing documents become ready after a couple of polls.
      if (polls > 2)
        for (const d of documents) Object.assign(d, { status: "ready", chunk_count: 3 });
      return route.fulfill({ json: { documents, next_cursor: null } });
    });
    await page.route("**/api/documents", async (route) => {
      const request = route.request();
      uploads.push({
        contentType: (await request.allHeaders())["content-type"] ?? "",
        body: request.postDataBuffer()?.toString("utf8") ?? "",
      });
      const name = /filename="([^"]+)"/.exec(uploads.at(-1)?.body ?? "")?.[1] ?? "file";
      if (name.endsWith(".exe")) {
        return route.fulfill({
          status: 415,
          contentType: "application/problem+json",
          body: JSON.stringify({
            status: 415,
            code: "UNSUPPORTED_MEDIA_TYPE",
            detail: "Only text, markdown, HTML and PDF files are accepted.",
          }),
        });
      }
      const document = {
        id: `d-${String(documents.length + 1)}`,
        title: name,
        status: "processing",
        chunk_count: 0,
        bytes: 120,
        created_at: now(),
      };
      documents.unshift(document);
      return route.fulfill({ status: 202, json: document });
    });
    await page.route("**/api/documents/*", (route) => {
      const id = route.request().url().split("/").pop() ?? "";
      const index = documents.findIndex((d) => d.id === id);
      if (index >= 0) documents.splice(index, 1);
      return route.fulfill({ status: 204 });
    });
    await page.route("**/api/search?**", (route) =>
      route.fulfill({
        json: {
          results: [
            {
              document_id: "d-1",
              document_title: "notes.md",
              chunk_id: "k1",
              text: "Refunds are accepted within 30 days.",
              score: 0.91,
              position: 0,
            },
          ],
        },
      }),
    );

    await page.getByRole("link", { name: "Documents" }).click();
    await page.getByText("No documents yet").waitFor();
    await page.getByLabel("Upload documents").setInputFiles([
      {
        name: "notes.md",
        mimeType: "text/markdown",
        buffer: Buffer.from("# Notes\n\nRefunds within 30 days."),
      },
      { name: "page.html", mimeType: "text/html", buffer: Buffer.from("<h1>Hello</h1>") },
      { name: "tool.exe", mimeType: "application/octet-stream", buffer: Buffer.from("MZ") },
    ]);
    await page.getByText("Only text, markdown, HTML and PDF files are accepted.").waitFor();
    await page.locator(".doc-list li", { hasText: "notes.md" }).waitFor();
    await page.locator(".doc-list li", { hasText: "page.html" }).waitFor();
    expect(uploads).toHaveLength(3);
    for (const upload of uploads) {
      expect(upload.contentType).toMatch(/^multipart\/form-data; boundary=/);
      expect(upload.body).toContain('name="file"; filename=');
    }
    // Polling turns "Processing" into "Ready" without a reload.
    await expect.poll(() => page.locator(".status-ready").count(), { timeout: 15_000 }).toBe(2);

    await page.getByLabel("Search passages").fill("refund");
    await page.getByRole("button", { name: "Search" }).click();
    await page
      .locator(".results li", { hasText: "Refunds are accepted within 30 days." })
      .waitFor();
    await page.screenshot({
      path: join(SCREENSHOT_DIR, "12-documents-client.png"),
      fullPage: true,
    });

    await page.getByRole("button", { name: "Delete page.html" }).click();
    await page.locator(".doc-list li", { hasText: "page.html" }).waitFor({ state: "detached" });
    expect(watch.dialogs).toContain("confirm: Delete “page.html” and its passages?");
  });

  it("lists conversations, opens one with its history, renames and deletes it", async () => {
    const conversations = [
      {
        id: "c-1",
        title: "Weekly planning",
        created_at: now(),
        updated_at: now(),
        message_count: 2,
      },
      { id: "c-2", title: "Refunds", created_at: now(), updated_at: now(), message_count: 2 },
    ];
    const patches: unknown[] = [];
    await page.route("**/api/conversations?**", (route) =>
      route.fulfill({ json: { conversations, next_cursor: null } }),
    );
    await page.route("**/api/conversations/*", async (route) => {
      const request = route.request();
      const id = request.url().split("/").pop() ?? "";
      if (request.method() === "PATCH") {
        patches.push(request.postDataJSON());
        const conversation = conversations.find((c) => c.id === id);
        if (conversation) conversation.title = (request.postDataJSON() as { title: string }).title;
        return route.fulfill({ json: conversation });
      }
      if (request.method() === "DELETE") {
        conversations.splice(
          conversations.findIndex((c) => c.id === id),
          1,
        );
        return route.fulfill({ status: 204 });
      }
      return route.fulfill({
        json: {
          id,
          title: "Weekly planning",
          messages: [
            {
              id: "m1",
              role: "user",
              content: "add water plants friday",
              tool_calls: [],
              created_at: now(),
            },
            {
              id: "m2",
              role: "assistant",
              content: "Added **water plants** for Friday.",
              tool_calls: [
                {
                  tool: "add_task",
                  arguments: { title: "water plants" },
                  result: { task: { title: "water plants" } },
                  is_error: false,
                },
              ],
              created_at: now(),
            },
          ],
        },
      });
    });

    await page.getByRole("link", { name: "Chat" }).click();
    await page.locator(".conversation-open", { hasText: "Weekly planning" }).click();
    await page.locator(".msg-user", { hasText: "add water plants friday" }).waitFor();
    await page.locator(".chip", { hasText: "Added task ‘water plants’" }).waitFor();
    expect(new URL(page.url()).searchParams.get("c")).toBe("c-1");

    // A reload reopens the same conversation.
    await page.reload();
    await page.locator(".msg-user", { hasText: "add water plants friday" }).waitFor();

    await page.getByRole("button", { name: "Rename “Weekly planning”" }).click();
    await page.getByLabel("Conversation title").fill("Garden week");
    await page.getByLabel("Conversation title").press("Enter");
    await page.locator(".conversation-open", { hasText: "Garden week" }).waitFor();
    expect(patches).toEqual([{ title: "Garden week" }]);

    await page.getByRole("button", { name: "Delete “Garden week”" }).click();
    await page
      .locator(".conversation-open", { hasText: "Garden week" })
      .waitFor({ state: "detached" });
    await page.getByText("What can I do for you?").waitFor();
    expect(conversations.map((c) => c.id)).toEqual(["c-2"]);
  });
});
