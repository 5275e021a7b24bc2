import { describe, expect, it } from "vitest";
import { draftKey, loadDraft, saveDraft, type DraftStorage } from "./draft.js";

function memoryStorage(): DraftStorage & { map: Map<string, string> } {
  const map = new Map<string, string>();
  return {
    map,
    getItem: (key) => map.get(key) ?? null,
    setItem: (key, value) => void map.set(key, value),
    removeItem: (key) => void map.delete(key),
  };
}

describe("drafts", () => {
  it("keeps one draft per conversation and one for a new chat", () => {
    const storage = memoryStorage();
    saveDraft(storage, draftKey("c1"), "remind me to");
    saveDraft(storage, draftKey(null), "hello");
    expect(loadDraft(storage, draftKey("c1"))).toBe("remind me to");
    expect(loadDraft(storage, draftKey(undefined))).toBe("hello");
    expect(loadDraft(storage, draftKey("c2"))).toBe("");
  });

  it("removes the draft when the text is cleared (sent)", () => {
    const storage = memoryStorage();
    saveDraft(storage, draftKey("c1"), "x");
    saveDraft(storage, draftKey("c1"), "   ");
    expect(storage.map.size).toBe(0);
  });

  it("survives a storage that throws (private mode, quota)", () => {
    const broken: DraftStorage = {
      getItem: () => {
        throw new Error("denied");
      },
      setItem: () => {
        throw new Error("quota");
      },
      removeItem: () => {
        throw new Error("denied");
      },
    };
    expect(() => saveDraft(broken, "k", "text")).not.toThrow();
    expect(loadDraft(broken, "k")).toBe("");
    expect(loadDraft(undefined, "k")).toBe("");
  });

  it("caps a huge draft", () => {
    const storage = memoryStorage();
    saveDraft(storage, "k", "a".repeat(100_000));
    expect(loadDraft(storage, "k").length).toBe(20_000);
  });
});
