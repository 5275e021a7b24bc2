import { useEffect, useRef, useState, type SyntheticEvent, type KeyboardEvent } from "react";
import { browserStorage, loadDraft, saveDraft } from "../lib/draft.js";

const MAX_MESSAGE = 4000;

/**
 * The message box: Enter sends, Shift+Enter adds a line; the unsent text is kept per
 * conversation across reloads. While an answer streams, the send button becomes Stop.
 */
export function Composer({
  draftKey,
  busy,
  onSend,
  onStop,
}: {
  draftKey: string;
  busy: boolean;
  onSend: (text: string) => void;
  onStop: () => void;
}) {
  const [text, setText] = useState(() => loadDraft(browserStorage(), draftKey));
  const ref = useRef<HTMLTextAreaElement>(null);

  useEffect(() => {
    saveDraft(browserStorage(), draftKey, text);
  }, [draftKey, text]);

  // Grow with the text up to a few lines, then scroll.
  useEffect(() => {
    const area = ref.current;
    if (!area) return;
    area.style.height = "auto";
    area.style.height = `${String(Math.min(area.scrollHeight, 200))}px`;
  }, [text]);

  useEffect(() => {
    ref.current?.focus();
  }, []);

  function submit(event?: SyntheticEvent) {
    event?.preventDefault();
    const message = text.trim();
    if (!message || busy || message.length > MAX_MESSAGE) return;
    onSend(message);
    setText("");
  }

  function onKeyDown(event: KeyboardEvent<HTMLTextAreaElement>) {
    if (event.key === "Enter" && !event.shiftKey && !event.nativeEvent.isComposing) {
      event.preventDefault();
      submit();
    }
  }

  const tooLong = text.length > MAX_MESSAGE;
  return (
    <form className="composer" onSubmit={submit}>
      <label htmlFor="composer-input" className="visually-hidden">
        Message Docket
      </label>
      <textarea
        id="composer-input"
        ref={ref}
        rows={1}
        value={text}
        placeholder="Ask or tell Docket… e.g. “add call mom tomorrow at 5pm”"
        onChange={(event) => setText(event.target.value)}
        onKeyDown={onKeyDown}
        aria-describedby="composer-help"
        aria-invalid={tooLong || undefined}
      />
      {busy ? (
        <button type="button" className="button stop" onClick={onStop}>
          <span className="stop-square" aria-hidden="true" /> Stop
        </button>
      ) : (
        <button type="submit" className="button primary" disabled={!text.trim() || tooLong}>
          Send
        </button>
      )}
      <p id="composer-help" className={`composer-help${tooLong ? " over" : ""}`}>
        {tooLong
          ? `${String(text.length)} / ${String(MAX_MESSAGE)} characters — please shorten it.`
          : "Enter to send · Shift+Enter for a new line"}
      </p>
    </form>
  );
}
