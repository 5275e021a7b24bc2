import { chromium, type Browser, type BrowserContext, type Page } from "playwright-core";

/** Debian's chromium, as installed by `apt-get install chromium`. */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

/** Launches headless chromium with the flags that keep it quiet and offline. */
export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
    ],
  });
}

/** What a page did that a test may assert never happened. */
export interface PageWatch {
  dialogs: string[];
  pageErrors: string[];
  cspViolations: string[];
}

/** Records dialogs (auto-dismissed), uncaught errors and CSP violations of a page. */
export function watchPage(page: Page): PageWatch {
  const watch: PageWatch = { dialogs: [], pageErrors: [], cspViolations: [] };
  page.on("dialog", (dialog) => {
    watch.dialogs.push(`${dialog.type()}: ${dialog.message()}`);
    // confirm() is used for deletions; accept those, the rest are suspicious but dismissed.
    void (dialog.type() === "confirm" ? dialog.accept() : dialog.dismiss());
  });
  page.on("pageerror", (error) => watch.pageErrors.push(error.message));
  page.on("console", (message) => {
    if (message.type() === "error" && /Content Security Policy/i.test(message.text())) {
      watch.cspViolations.push(message.text());
    }
  });
  return watch;
}

/** A fresh browser context (its own cookies) with a page. */
export async function newSession(
  browser: Browser,
  options: {
    timezoneId?: string;
    viewport?: { width: number; height: number };
    colorScheme?: "light" | "dark";
  } = {},
): Promise<{ context: BrowserContext; page: Page; watch: PageWatch }> {
  const context = await browser.newContext({
    viewport: options.viewport ?? { width: 1360, height: 860 },
    timezoneId: options.timezoneId ?? "America/New_York",
    colorScheme: options.colorScheme ?? "light",
    locale: "en-US",
  });
  const page = await context.newPage();
  return { context, page, watch: watchPage(page) };
}

/** Opens the app at `url` and creates a fresh account named `name` through the sign-up form. */
export async function signUpInBrowser(page: Page, url: string, name: string): Promise<void> {
  await page.goto(url);
  await page.getByRole("tab", { name: "Create account" }).click();
  await page.getByLabel("Name").fill(name);
  await page.getByLabel("Email").fill(`${name.toLowerCase()}-${String(Date.now())}@example.com`);
  await page.getByLabel("Password").fill("correct horse battery staple");
  await page.getByRole("button", { name: "Create account" }).click();
  // The chat composer appears once the session is live.
  await page.getByRole("textbox", { name: "Message Docket" }).waitFor();
}
