import { memo } from "react";
import { type ChatMessage, textOf, toolActivitiesOf } from "../lib/chat-messages.js";
import { sourcesOfMessage } from "../lib/citations.js";
import { Markdown, sourceAnchor } from "./markdown.js";
import { ToolChipView } from "./tool-chip.js";

/** One message: the user's words as plain text; the assistant's tool chips, answer and sources. */
export const MessageView = memo(function MessageView({ message }: { message: ChatMessage }) {
  const text = textOf(message);
  if (message.role === "user") {
    return (
      <li className="msg msg-user">
        <span className="visually-hidden">You said:</span>
        <div className="bubble">{text}</div>
      </li>
    );
  }
  const tools = toolActivitiesOf(message.parts);
  const sources = sourcesOfMessage(message.parts, message.metadata);
  return (
    <li className="msg msg-assistant">
      <span className="visually-hidden">Docket said:</span>
      {tools.length > 0 && (
        <ul className="chips" aria-label="What the assistant did">
          {tools.map((activity) => (
            <ToolChipView key={activity.id} activity={activity} />
          ))}
        </ul>
      )}
      {text && <Markdown text={text} sources={sources} messageId={message.id} />}
      {sources.length > 0 && (
        <div className="sources">
          <h3>Sources</h3>
          <ol>
            {sources.map((source) => (
              <li
                key={`${String(source.n)}-${source.chunk_id ?? source.document_id}`}
                id={sourceAnchor(message.id, source.n ?? 0)}
                tabIndex={-1}
              >
                <span className="source-n">{source.n}</span>
                <div>
                  <span className="source-title">{source.title}</span>
                  {source.snippet && <p className="source-snippet">{source.snippet}</p>}
                </div>
              </li>
            ))}
          </ol>
        </div>
      )}
    </li>
  );
});
