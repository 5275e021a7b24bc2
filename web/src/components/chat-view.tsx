import { useChat } from "@ai-sdk/react";
import { DefaultChatTransport } from "ai";
import { useEffect, useMemo, useRef } from "react";
import {
  type ChatMessage,
  conversationIdOf,
  textOf,
  toolActivitiesOf,
} from "../lib/chat-messages.js";
import { notifyUnauthorized } from "../lib/api.js";
import { draftKey } from "../lib/draft.js";
import { TASK_TOOLS } from "../lib/tool-chips.js";
import { Composer } from "./composer.js";
import { MessageView } from "./message-view.js";

const EXAMPLES = [
  "add call mom tomorrow at 5pm",
  "what's due this week?",
  "pay rent every 1st p1 #home",
  "what does my handbook say about refunds?",
];

/**
 * The readable part of a failed chat request. The server answers problem+json whose `detail`
 * is written for people (5xx details never carry internals), e.g. "The assistant is
 * unavailable right now; please try again shortly."
 */
export function chatErrorMessage(error: Error): string {
  try {
    const body = JSON.parse(error.message) as { detail?: unknown };
    if (typeof body.detail === "string" && body.detail) return body.detail;
  } catch {
    // not JSON: a network failure, or the stream's own error text
  }
  if (/fetch|network/i.test(error.message))
    return "Cannot reach the server. Check your connection.";
  return error.message && error.message.length < 200
    ? error.message
    : "The assistant could not answer right now.";
}

/** The HTTP status of a failed chat request, when the server answered problem+json. */
function problemStatus(error: Error): number | undefined {
  try {
    const body = JSON.parse(error.message) as { status?: unknown };
    return typeof body.status === "number" ? body.status : undefined;
  } catch {
    return undefined;
  }
}

/** The ids of finished task-tool calls in a list of messages. */
function finishedTaskToolIds(messages: readonly ChatMessage[]): string[] {
  const ids: string[] = [];
  for (const message of messages) {
    for (const activity of toolActivitiesOf(message.parts)) {
      if (activity.state !== "running" && TASK_TOOLS.has(activity.tool)) ids.push(activity.id);
    }
  }
  return ids;
}

/**
 * One conversation: streamed answers from `/api/chat` (the server keeps the history, so each
 * request carries only the new message and the conversation id).
 */
export function ChatView({
  chatKey,
  conversationId,
  initialMessages,
  onConversationId,
  onTurnFinished,
  onTasksChanged,
}: {
  chatKey: string;
  conversationId: string | null;
  initialMessages: ChatMessage[];
  onConversationId: (id: string) => void;
  onTurnFinished: () => void;
  onTasksChanged: () => void;
}) {
  const conversationRef = useRef(conversationId);
  const transport = useMemo(
    () =>
      new DefaultChatTransport<ChatMessage>({
        api: "/api/chat",
        credentials: "same-origin",
        prepareSendMessagesRequest: ({ messages }) => {
          const lastUser = messages.findLast((message) => message.role === "user");
          return {
            headers: { Accept: "text/event-stream" },
            body: {
              message: lastUser ? textOf(lastUser) : "",
              ...(conversationRef.current ? { conversation_id: conversationRef.current } : {}),
            },
          };
        },
      }),
    [],
  );
  const { messages, sendMessage, status, stop, error, regenerate, clearError } =
    useChat<ChatMessage>({
      id: chatKey,
      messages: initialMessages,
      transport,
      onFinish: () => onTurnFinished(),
      onError: (error) => {
        if (problemStatus(error) === 401) notifyUnauthorized();
      },
    });

  // The server announces the conversation id first; adopt it so follow-ups continue it.
  useEffect(() => {
    for (const message of messages) {
      if (message.role !== "assistant") continue;
      const id = conversationIdOf(message);
      if (id && id !== conversationRef.current) {
        conversationRef.current = id;
        onConversationId(id);
      }
    }
  }, [messages, onConversationId]);

  // Refresh the tasks panel as soon as a task tool finishes (not only at the end of the turn).
  const seenTools = useRef<Set<string> | null>(null);
  seenTools.current ??= new Set(finishedTaskToolIds(initialMessages));
  useEffect(() => {
    const seen = seenTools.current;
    if (!seen) return;
    let changed = false;
    for (const id of finishedTaskToolIds(messages)) {
      if (!seen.has(id)) {
        seen.add(id);
        changed = true;
      }
    }
    if (changed) onTasksChanged();
  }, [messages, onTasksChanged]);

  // Keep the newest message in view while it streams, unless the reader scrolled up.
  const scroller = useRef<HTMLDivElement>(null);
  const pinned = useRef(true);
  useEffect(() => {
    const element = scroller.current;
    if (element && pinned.current) element.scrollTop = element.scrollHeight;
  }, [messages, status]);

  const busy = status === "submitted" || status === "streaming";
  const waiting = status === "submitted" && messages.at(-1)?.role === "user";
  const send = (text: string) => {
    clearError();
    void sendMessage({ text });
  };

  return (
    <section className="chat" aria-label="Chat">
      <div
        className="chat-scroll"
        ref={scroller}
        onScroll={(event) => {
          const el = event.currentTarget;
          pinned.current = el.scrollHeight - el.scrollTop - el.clientHeight < 80;
        }}
      >
        {messages.length === 0 ? (
          <div className="chat-empty">
            <h2>What can I do for you?</h2>
            <p>Tell me about a task in your own words, or ask about your documents.</p>
            <ul className="examples" aria-label="Examples">
              {EXAMPLES.map((example) => (
                <li key={example}>
                  <button type="button" className="example" onClick={() => send(example)}>
                    Try: {example}
                  </button>
                </li>
              ))}
            </ul>
          </div>
        ) : (
          <ol className="messages" aria-live="polite" aria-relevant="additions text">
            {messages.map((message) => (
              <MessageView key={message.id} message={message} />
            ))}
            {waiting && (
              <li className="msg msg-assistant">
                <span className="typing" role="status" aria-label="Docket is thinking">
                  <span />
                  <span />
                  <span />
                </span>
              </li>
            )}
          </ol>
        )}
        {error && (
          <div className="chat-error" role="alert">
            <p>{chatErrorMessage(error)}</p>
            <button type="button" className="button small" onClick={() => void regenerate()}>
              Retry
            </button>
          </div>
        )}
      </div>
      <Composer
        draftKey={draftKey(conversationId)}
        busy={busy}
        onSend={send}
        onStop={() => void stop()}
      />
    </section>
  );
}
