import { useEffect, useState, type MouseEvent } from "react";

/** The app's pages. */
export type Page = "chat" | "documents" | "settings";

const PATHS: Record<Page, string> = { chat: "/", documents: "/documents", settings: "/settings" };

/** The page a path shows (unknown paths show the chat). */
export function pageOf(pathname: string): Page {
  if (pathname.startsWith("/documents")) return "documents";
  if (pathname.startsWith("/settings")) return "settings";
  return "chat";
}

/** The path of a page. */
export function pathOf(page: Page): string {
  return PATHS[page];
}

const listeners = new Set<() => void>();

/** Goes to a page without a reload, keeping browser history. */
export function navigate(page: Page): void {
  if (window.location.pathname !== PATHS[page]) window.history.pushState(null, "", PATHS[page]);
  for (const listener of listeners) listener();
}

/** The current page, following back/forward. */
export function usePage(): Page {
  const [page, setPage] = useState<Page>(() => pageOf(window.location.pathname));
  useEffect(() => {
    const update = () => setPage(pageOf(window.location.pathname));
    listeners.add(update);
    window.addEventListener("popstate", update);
    return () => {
      listeners.delete(update);
      window.removeEventListener("popstate", update);
    };
  }, []);
  return page;
}

/** An onClick for `<a href>` links that navigates in-app unless a modifier asks for a new tab. */
export function linkHandler(page: Page) {
  return (event: MouseEvent<HTMLAnchorElement>) => {
    if (event.metaKey || event.ctrlKey || event.shiftKey || event.button !== 0) return;
    event.preventDefault();
    navigate(page);
  };
}
