/** Keeps the composer's unsent text per conversation across reloads (localStorage). */

/** The part of the Storage API drafts need (a Map-backed fake in tests). */
export interface DraftStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

/** Drafts beyond this are not worth a full localStorage quota. */
const MAX_DRAFT_CHARS = 20_000;

/** The storage key of the draft of a conversation (or of a new one). */
export function draftKey(conversationId: string | null | undefined): string {
  return `docket:draft:${conversationId ?? "new"}`;
}

/** The saved draft, or "" when none or storage is unavailable. */
export function loadDraft(storage: DraftStorage | undefined, key: string): string {
  try {
    return storage?.getItem(key) ?? "";
  } catch {
    return "";
  }
}

/** Saves a draft; blank text removes it. Storage errors (private mode, quota) are ignored. */
export function saveDraft(storage: DraftStorage | undefined, key: string, text: string): void {
  try {
    if (text.trim() === "") storage?.removeItem(key);
    else storage?.setItem(key, text.slice(0, MAX_DRAFT_CHARS));
  } catch {
    // A draft is a convenience; losing it must never break typing.
  }
}

/** The browser's localStorage when it can be used. */
export function browserStorage(): DraftStorage | undefined {
  try {
    return typeof localStorage === "undefined" ? undefined : localStorage;
  } catch {
    return undefined;
  }
}
