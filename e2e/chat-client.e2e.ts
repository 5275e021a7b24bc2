import { createUIMessageStream, createUIMessageStreamResponse, type UIMessageChunk } from "ai";
import { join } from "node:path";
import type { Browser, Page, Route } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchBrowser, newSession, signUpInBrowser, type PageWatch } from "./support/browser.js";
import { SCREENSHOT_DIR } from "./support/paths.js";
import { startServer, type TestServer } from "./support/server.js";

/**
 * The web client's side of the chat contract (API.md): the request body, the UI message
 * stream with the conversation id first, tool parts, sources and citations, stop, retry.
 * The stream is produced by the AI SDK itself (as the server does) and served in place of
 * `/api/chat`, so this runs whichever model — or none — the server has.
 */

type Chunk = UIMessageChunk<
  unknown,
  { conversation: { conversation_id: string }; sources: { sources: unknown[] } }
>;

async function sse(chunks: Chunk[]): Promise<{ body: string; headers: Record<string, string> }> {
  const stream = createUIMessageStream({
    execute: ({ writer }) => {
      for (const chunk of chunks) writer.write(chunk);
    },
  });
  const response = createUIMessageStreamResponse({ stream });
  return { body: await response.text(), headers: Object.fromEntries(response.headers) };
}

function tomorrowAt5pm(): string {
  // 5 PM New York time tomorrow, as the server would compute it for this user.
  const now = new Date();
  const ny = new Intl.DateTimeFormat("en-CA", {
    timeZone: "America/New_York",
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
  }).format(new Date(now.getTime() + 86_400_000));
  const guess = new Date(`${ny}T21:00:00Z`); // 5 PM EDT
  const hour = Number(
    new Intl.DateTimeFormat("en-US", {
      timeZone: "America/New_York",
      hour: "numeric",
      hourCycle: "h23",
    }).format(guess),
  );
  return new Date(guess.getTime() + (17 - hour) * 3_600_000).toISOString();
}

const TASK = {
  id: "task-1",
  title: "call mom",
  completed: false,
  due_at: tomorrowAt5pm(),
  due_all_day: false,
};

function addTaskTurn(conversationId: string): Chunk[] {
  return [
    { type: "data-conversation", data: { conversation_id: conversationId } },
    { type: "start", messageId: "m-1" },
    { type: "start-step" },
    {
      type: "tool-input-available",
      toolCallId: "call-1",
      toolName: "add_task",
      input: { title: "call mom", due: "tomorrow 5pm" },
    },
    { type: "tool-output-available", toolCallId: "call-1", output: { task: TASK } },
    { type: "finish-step" },
    { type: "start-step" },
    { type: "text-start", id: "t1" },
    { type: "text-delta", id: "t1", delta: "Added **call mom** for tomorrow at 5:00 PM. " },
    { type: "text-delta", id: "t1", delta: "Refunds take 30 days [1]. " },
    {
      type: "text-delta",
      id: "t1",
      delta: `<img src=x onerror="window.__xss='model'"> [click](javascript:window.__xss='link')`,
    },
    { type: "text-end", id: "t1" },
    {
      type: "data-sources",
      data: {
        sources: [
          {
            document_id: "doc-1",
            title: "Handbook.md",
            chunk_id: "k-1",
            snippet: "Refunds are accepted within 30 days.",
          },
        ],
      },
    },
    { type: "finish-step" },
    { type: "finish" },
  ];
}

describe("chat client", () => {
  let server: TestServer;
  let browser: Browser;
  let page: Page;
  let watch: PageWatch;
  const bodies: unknown[] = [];
  const accepts: string[] = [];
  let respond: (route: Route) => Promise<void> = () => Promise.resolve();

  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
    ({ page, watch } = await newSession(browser, { timezoneId: "America/New_York" }));
    await page.route("**/api/chat", async (route) => {
      bodies.push(route.request().postDataJSON());
      accepts.push((await route.request().allHeaders()).accept ?? "");
      await respond(route);
    });
    await signUpInBrowser(page, server.url, "Grace");
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it("sends {message} as an event stream, shows tool chips, markdown and linked citations", async () => {
    const stream = await sse(addTaskTurn("conv-1"));
    respond = (route) => route.fulfill({ status: 200, headers: stream.headers, body: stream.body });
    let taskFetches = 0;
    page.on("request", (request) => {
      if (request.url().includes("/api/tasks?")) taskFetches += 1;
    });

    const composer = page.getByRole("textbox", { name: "Message Docket" });
    await composer.fill("add call mom tomorrow at 5pm");
    await composer.press("Enter");

    await page
      .locator(".chip-done", { hasText: "Added task ‘call mom’ · due tomorrow 5:00 PM" })
      .waitFor();
    await page.locator(".markdown strong", { hasText: "call mom" }).waitFor();
    expect(bodies[0]).toEqual({ message: "add call mom tomorrow at 5pm" });
    expect(accepts[0]).toContain("text/event-stream");
    // The finished task tool refreshed the tasks panel.
    await expect.poll(() => taskFetches).toBeGreaterThan(0);

    const cite = page.locator("a.cite", { hasText: "1" });
    await cite.click();
    await expect
      .poll(() => page.evaluate<string>("document.activeElement?.id ?? ''"))
      .toMatch(/^src-.*-1$/);
    await page.locator(".sources", { hasText: "Handbook.md" }).waitFor();
    await page.screenshot({ path: join(SCREENSHOT_DIR, "10-chat-stream-citations.png") });

    // Model output never becomes markup or a script link.
    expect(await page.locator(".markdown img, [onerror], a[href^='javascript']").count()).toBe(0);
    await page.locator(".markdown", { hasText: "<img src=x" }).waitFor();
    expect(await page.evaluate<unknown>("window.__xss")).toBeUndefined();
    expect(watch.dialogs).toEqual([]);
  });

  it("continues the same conversation with the id the stream announced", async () => {
    const stream = await sse(addTaskTurn("conv-1"));
    respond = (route) => route.fulfill({ status: 200, headers: stream.headers, body: stream.body });
    const composer = page.getByRole("textbox", { name: "Message Docket" });
    await composer.fill("and again");
    await composer.press("Enter");
    await expect.poll(() => bodies.length).toBe(2);
    expect(bodies[1]).toEqual({ message: "and again", conversation_id: "conv-1" });
    expect(new URL(page.url()).searchParams.get("c")).toBe("conv-1");
  });

  it("offers Retry after a failure and resends the same message", async () => {
    await page.getByRole("button", { name: "+ New chat" }).click();
    respond = (route) =>
      route.fulfill({
        status: 503,
        contentType: "application/problem+json",
        body: JSON.stringify({
          status: 503,
          code: "LLM_UNAVAILABLE",
          detail: "The assistant is unavailable right now; please try again shortly.",
        }),
      });
    const composer = page.getByRole("textbox", { name: "Message Docket" });
    await composer.fill("what's due today?");
    await composer.press("Enter");
    await page
      .getByText("The assistant is unavailable right now; please try again shortly.")
      .waitFor();
    await page.screenshot({ path: join(SCREENSHOT_DIR, "11-chat-error-retry.png") });

    const stream = await sse(addTaskTurn("conv-2"));
    respond = (route) => route.fulfill({ status: 200, headers: stream.headers, body: stream.body });
    const before = bodies.length;
    await page.getByRole("button", { name: "Retry" }).click();
    await page.locator(".chip-done").first().waitFor();
    expect(bodies[before]).toEqual({ message: "what's due today?" });
    expect(await page.locator(".chat-error").count()).toBe(0);
  });

  it("stops a pending answer with the Stop button", async () => {
    await page.getByRole("button", { name: "+ New chat" }).click();
    let release: () => void = () => undefined;
    respond = async (route) => {
      await new Promise<void>((resolve) => {
        release = resolve;
      });
      await route.abort().catch(() => undefined);
    };
    const composer = page.getByRole("textbox", { name: "Message Docket" });
    await composer.fill("take your time");
    await composer.press("Enter");
    await page.getByRole("button", { name: "Stop" }).click();
    await page.getByRole("button", { name: "Send" }).waitFor();
    release();
    expect(await page.locator(".chat-error").count()).toBe(0);
  });

  it("keeps an unsent draft across a reload; Shift+Enter makes a new line", async () => {
    await page.getByRole("button", { name: "+ New chat" }).click();
    const composer = page.getByRole("textbox", { name: "Message Docket" });
    await composer.fill("first line");
    await composer.press("Shift+Enter");
    await composer.pressSequentially("second line");
    expect(await composer.inputValue()).toBe("first line\nsecond line");
    await page.goto(server.url);
    await expect
      .poll(() => page.getByRole("textbox", { name: "Message Docket" }).inputValue())
      .toBe("first line\nsecond line");
  });
});
