import { useState } from "react";
import { formatRelative } from "../lib/dates.js";
import type { ConversationSummary } from "../lib/types.js";
import { useMe } from "../lib/user-context.js";

/** The conversations: open one, start a new one, rename or delete. */
export function ConversationList({
  conversations,
  activeId,
  loading,
  onSelect,
  onNew,
  onRename,
  onDelete,
}: {
  conversations: ConversationSummary[];
  activeId: string | null;
  loading: boolean;
  onSelect: (id: string) => void;
  onNew: () => void;
  onRename: (id: string, title: string) => void;
  onDelete: (id: string) => void;
}) {
  const { me } = useMe();
  const [editing, setEditing] = useState<string | null>(null);
  const [draft, setDraft] = useState("");

  return (
    <nav className="conversations" aria-label="Conversations">
      <button type="button" className="button primary wide" onClick={onNew}>
        + New chat
      </button>
      {loading && conversations.length === 0 && <p className="muted small pad">Loading…</p>}
      {!loading && conversations.length === 0 && (
        <p className="muted small pad">Your conversations will appear here.</p>
      )}
      <ul>
        {conversations.map((conversation) => {
          const title = conversation.title?.trim() || "New conversation";
          const active = conversation.id === activeId;
          if (editing === conversation.id) {
            return (
              <li key={conversation.id} className="conversation editing">
                <form
                  onSubmit={(event) => {
                    event.preventDefault();
                    if (draft.trim()) onRename(conversation.id, draft.trim().slice(0, 200));
                    setEditing(null);
                  }}
                >
                  <label className="visually-hidden" htmlFor={`rename-${conversation.id}`}>
                    Conversation title
                  </label>
                  <input
                    id={`rename-${conversation.id}`}
                    value={draft}
                    autoFocus
                    maxLength={200}
                    onChange={(event) => setDraft(event.target.value)}
                    onKeyDown={(event) => {
                      if (event.key === "Escape") setEditing(null);
                    }}
                    onBlur={() => setEditing(null)}
                  />
                </form>
              </li>
            );
          }
          return (
            <li key={conversation.id} className={`conversation${active ? " active" : ""}`}>
              <button
                type="button"
                className="conversation-open"
                aria-current={active ? "true" : undefined}
                onClick={() => onSelect(conversation.id)}
              >
                <span className="conversation-title">{title}</span>
                <span className="conversation-time">
                  {formatRelative(conversation.updated_at, { timeZone: me.timezone })}
                </span>
              </button>
              <div className="conversation-actions">
                <button
                  type="button"
                  className="icon-button"
                  aria-label={`Rename “${title}”`}
                  title="Rename"
                  onClick={() => {
                    setDraft(conversation.title ?? "");
                    setEditing(conversation.id);
                  }}
                >
                  ✎
                </button>
                <button
                  type="button"
                  className="icon-button danger"
                  aria-label={`Delete “${title}”`}
                  title="Delete"
                  onClick={() => {
                    if (window.confirm(`Delete “${title}”? This cannot be undone.`)) {
                      onDelete(conversation.id);
                    }
                  }}
                >
                  ×
                </button>
              </div>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
