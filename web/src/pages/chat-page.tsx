import { useCallback, useEffect, useState } from "react";
import { ChatView } from "../components/chat-view.js";
import { ConversationList } from "../components/conversation-list.js";
import { TasksPanel } from "../components/tasks-panel.js";
import { api, messageOf } from "../lib/api.js";
import { type ChatMessage, storedToChatMessages } from "../lib/chat-messages.js";
import { onTablistKeyDown, tabIndexOf } from "../lib/tabs.js";
import type { ConversationDetail, ConversationSummary } from "../lib/types.js";

interface OpenChat {
  key: string;
  conversationId: string | null;
  messages: ChatMessage[];
}

function conversationInUrl(): string | null {
  return new URLSearchParams(window.location.search).get("c");
}

function setConversationInUrl(id: string | null) {
  const url = id ? `/?c=${encodeURIComponent(id)}` : "/";
  if (window.location.pathname + window.location.search !== url) {
    window.history.replaceState(null, "", url);
  }
}

let chatCounter = 0;
const newKey = () => `chat-${String(++chatCounter)}`;

/** Chat with the conversation list on the left and the tasks panel on the right. */
export function ChatPage() {
  const [conversations, setConversations] = useState<ConversationSummary[]>([]);
  const [listLoading, setListLoading] = useState(true);
  const [open, setOpen] = useState<OpenChat | null>(null);
  const [activeId, setActiveId] = useState<string | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [tasksVersion, setTasksVersion] = useState(0);
  const [mobileTab, setMobileTab] = useState<"chat" | "tasks">("chat");
  const [showList, setShowList] = useState(false);

  const refreshList = useCallback(async () => {
    try {
      const page = await api<{ conversations: ConversationSummary[] }>(
        "/api/conversations?limit=100",
      );
      setConversations(page.conversations);
    } catch {
      // The list is secondary; the chat works without it.
    } finally {
      setListLoading(false);
    }
  }, []);

  const openConversation = useCallback(async (id: string | null) => {
    setLoadError(null);
    setShowList(false);
    if (!id) {
      setOpen({ key: newKey(), conversationId: null, messages: [] });
      setActiveId(null);
      setConversationInUrl(null);
      return;
    }
    try {
      const detail = await api<ConversationDetail>(`/api/conversations/${encodeURIComponent(id)}`);
      setOpen({
        key: newKey(),
        conversationId: id,
        messages: storedToChatMessages(detail.messages),
      });
      setActiveId(id);
      setConversationInUrl(id);
    } catch (error) {
      setLoadError(messageOf(error));
      setOpen({ key: newKey(), conversationId: null, messages: [] });
      setActiveId(null);
      setConversationInUrl(null);
    }
  }, []);

  useEffect(() => {
    void refreshList();
    void openConversation(conversationInUrl());
  }, [refreshList, openConversation]);

  const onConversationId = useCallback(
    (id: string) => {
      setActiveId(id);
      setConversationInUrl(id);
      void refreshList();
    },
    [refreshList],
  );
  const onTurnFinished = useCallback(() => void refreshList(), [refreshList]);
  const onTasksChanged = useCallback(() => setTasksVersion((v) => v + 1), []);

  async function rename(id: string, title: string) {
    setConversations((list) => list.map((c) => (c.id === id ? { ...c, title } : c)));
    try {
      await api(`/api/conversations/${encodeURIComponent(id)}`, {
        method: "PATCH",
        body: { title },
      });
    } finally {
      void refreshList();
    }
  }

  async function remove(id: string) {
    setConversations((list) => list.filter((c) => c.id !== id));
    try {
      await api(`/api/conversations/${encodeURIComponent(id)}`, { method: "DELETE" });
    } finally {
      if (id === activeId) void openConversation(null);
      void refreshList();
    }
  }

  const activeTitle =
    conversations.find((c) => c.id === activeId)?.title?.trim() ||
    (activeId ? "Conversation" : "New chat");

  return (
    <div className={`chat-page tab-${mobileTab}${showList ? " show-list" : ""}`}>
      <div className="mobile-tabs" role="tablist" aria-label="View" onKeyDown={onTablistKeyDown}>
        <button
          type="button"
          role="tab"
          aria-selected={mobileTab === "chat"}
          tabIndex={tabIndexOf(mobileTab === "chat")}
          onClick={() => setMobileTab("chat")}
        >
          Chat
        </button>
        <button
          type="button"
          role="tab"
          aria-selected={mobileTab === "tasks"}
          tabIndex={tabIndexOf(mobileTab === "tasks")}
          onClick={() => setMobileTab("tasks")}
        >
          Tasks
        </button>
      </div>
      <aside className="sidebar">
        <ConversationList
          conversations={conversations}
          activeId={activeId}
          loading={listLoading}
          onSelect={(id) => void openConversation(id)}
          onNew={() => void openConversation(null)}
          onRename={(id, title) => void rename(id, title)}
          onDelete={(id) => void remove(id)}
        />
      </aside>
      <div className="chat-column">
        <div className="chat-header">
          <button
            type="button"
            className="button ghost small list-toggle"
            aria-expanded={showList}
            onClick={() => setShowList((v) => !v)}
          >
            ☰ Conversations
          </button>
          <h1 className="chat-title">{activeTitle}</h1>
        </div>
        {loadError && (
          <p className="banner error" role="alert">
            Could not open that conversation: {loadError}
          </p>
        )}
        {open && (
          <ChatView
            key={open.key}
            chatKey={open.key}
            conversationId={open.conversationId}
            initialMessages={open.messages}
            onConversationId={onConversationId}
            onTurnFinished={onTurnFinished}
            onTasksChanged={onTasksChanged}
          />
        )}
      </div>
      <aside className="tasks-column" aria-label="Tasks">
        <TasksPanel version={tasksVersion} />
      </aside>
    </div>
  );
}
