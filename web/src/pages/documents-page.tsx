import {
  useCallback,
  useEffect,
  useRef,
  useState,
  type DragEvent,
  type SyntheticEvent,
} from "react";
import { api, messageOf } from "../lib/api.js";
import { formatRelative } from "../lib/dates.js";
import type { DocumentItem, SearchResult } from "../lib/types.js";
import { ACCEPTED_FILES, formatBytes, uploadDocument } from "../lib/upload.js";
import { useMe } from "../lib/user-context.js";

interface Upload {
  id: number;
  name: string;
  progress: number;
  error?: string;
}

let uploadSeq = 0;
const POLL_MS = 2000;

/** Upload documents (drag and drop, several at once), see their status, search them. */
export default function DocumentsPage() {
  const { me } = useMe();
  const [documents, setDocuments] = useState<DocumentItem[]>([]);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<string | null>(null);
  const [uploads, setUploads] = useState<Upload[]>([]);
  const [dragging, setDragging] = useState(false);
  const [query, setQuery] = useState("");
  const [results, setResults] = useState<SearchResult[] | null>(null);
  const [searching, setSearching] = useState(false);
  const [searchError, setSearchError] = useState<string | null>(null);
  const fileInput = useRef<HTMLInputElement>(null);

  const load = useCallback(async () => {
    try {
      const page = await api<{ documents: DocumentItem[] }>("/api/documents?limit=200");
      setDocuments(page.documents);
      setError(null);
    } catch (err) {
      setError(messageOf(err));
    } finally {
      setLoading(false);
    }
  }, []);

  useEffect(() => {
    void load();
  }, [load]);

  // Poll while anything is still being processed.
  const processing = documents.some((d) => d.status === "processing");
  useEffect(() => {
    if (!processing) return;
    const timer = window.setInterval(() => void load(), POLL_MS);
    return () => window.clearInterval(timer);
  }, [processing, load]);

  function startUploads(files: FileList | File[]) {
    for (const file of Array.from(files)) {
      const id = ++uploadSeq;
      setUploads((list) => [...list, { id, name: file.name, progress: 0 }]);
      const { promise } = uploadDocument(file, (progress) =>
        setUploads((list) => list.map((u) => (u.id === id ? { ...u, progress } : u))),
      );
      promise
        .then((document) => {
          setUploads((list) => list.filter((u) => u.id !== id));
          setDocuments((list) => [document, ...list.filter((d) => d.id !== document.id)]);
        })
        .catch((err: unknown) => {
          setUploads((list) =>
            list.map((u) => (u.id === id ? { ...u, error: messageOf(err) } : u)),
          );
        });
    }
  }

  function onDrop(event: DragEvent) {
    event.preventDefault();
    setDragging(false);
    if (event.dataTransfer.files.length > 0) startUploads(event.dataTransfer.files);
  }

  async function remove(document: DocumentItem) {
    if (!window.confirm(`Delete “${document.title}” and its passages?`)) return;
    setDocuments((list) => list.filter((d) => d.id !== document.id));
    try {
      await api(`/api/documents/${encodeURIComponent(document.id)}`, { method: "DELETE" });
    } catch (err) {
      setError(messageOf(err));
      void load();
    }
  }

  async function search(event: SyntheticEvent) {
    event.preventDefault();
    const q = query.trim();
    if (!q) {
      setResults(null);
      return;
    }
    setSearching(true);
    setSearchError(null);
    try {
      const page = await api<{ results: SearchResult[] }>(
        `/api/search?${new URLSearchParams({ q, limit: "10" }).toString()}`,
      );
      setResults(page.results);
    } catch (err) {
      setSearchError(messageOf(err));
    } finally {
      setSearching(false);
    }
  }

  return (
    <div className="page">
      <div className="page-head">
        <h1>Documents</h1>
        <p className="muted">
          Upload notes, handbooks or manuals; then ask about them in the chat and get answers with
          sources.
        </p>
      </div>

      <div
        className={`dropzone${dragging ? " dragging" : ""}`}
        onDragOver={(event) => {
          event.preventDefault();
          setDragging(true);
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={onDrop}
      >
        <p className="dropzone-title">Drop files here</p>
        <p className="muted small">Text, Markdown, HTML or PDF · several at once</p>
        <button type="button" className="button" onClick={() => fileInput.current?.click()}>
          Choose files…
        </button>
        <input
          ref={fileInput}
          type="file"
          multiple
          accept={ACCEPTED_FILES}
          className="visually-hidden"
          aria-label="Upload documents"
          onChange={(event) => {
            if (event.target.files) startUploads(event.target.files);
            event.target.value = "";
          }}
        />
      </div>

      {uploads.length > 0 && (
        <ul className="uploads" aria-label="Uploads">
          {uploads.map((upload) => (
            <li key={upload.id} className={upload.error ? "failed" : undefined}>
              {upload.error ? (
                <>
                  <div className="upload-failed">
                    <span className="upload-name">{upload.name}</span>
                    <span className="field-error" role="alert">
                      {upload.error}
                    </span>
                  </div>
                  <button
                    type="button"
                    className="icon-button"
                    aria-label={`Dismiss ${upload.name}`}
                    onClick={() => setUploads((list) => list.filter((u) => u.id !== upload.id))}
                  >
                    ×
                  </button>
                </>
              ) : (
                <>
                  <span className="upload-name">{upload.name}</span>
                  <progress
                    max={1}
                    value={upload.progress}
                    aria-label={`Uploading ${upload.name}`}
                  />
                  <span className="muted small">{Math.round(upload.progress * 100)}%</span>
                </>
              )}
            </li>
          ))}
        </ul>
      )}

      <section className="card" aria-labelledby="search-heading">
        <h2 id="search-heading">Search your documents</h2>
        <form className="inline-form" onSubmit={(event) => void search(event)} role="search">
          <label htmlFor="doc-search" className="visually-hidden">
            Search passages
          </label>
          <input
            id="doc-search"
            type="search"
            value={query}
            placeholder="e.g. refund policy"
            onChange={(event) => setQuery(event.target.value)}
          />
          <button type="submit" className="button" disabled={searching}>
            {searching ? "Searching…" : "Search"}
          </button>
        </form>
        {searchError && (
          <p className="field-error" role="alert">
            {searchError}
          </p>
        )}
        {results && results.length === 0 && <p className="muted">No passage matches “{query}”.</p>}
        {results && results.length > 0 && (
          <ol className="results">
            {results.map((result) => (
              <li key={result.chunk_id}>
                <div className="result-head">
                  <span className="result-title">{result.document_title}</span>
                  <span className="muted small">score {result.score.toFixed(2)}</span>
                </div>
                <p className="result-text">{result.text}</p>
              </li>
            ))}
          </ol>
        )}
      </section>

      <section className="card" aria-labelledby="docs-heading">
        <h2 id="docs-heading">Your documents</h2>
        {error && (
          <p className="banner error" role="alert">
            {error}
          </p>
        )}
        {loading ? (
          <p className="muted">Loading…</p>
        ) : documents.length === 0 ? (
          <div className="empty">
            <p className="empty-title">No documents yet</p>
            <p className="muted">
              Upload a file above, then ask in the chat: “what does my handbook say about
              vacations?”
            </p>
          </div>
        ) : (
          <ul className="doc-list">
            {documents.map((document) => (
              <li key={document.id}>
                <div className="doc-main">
                  <span className="doc-title">{document.title}</span>
                  <span className="muted small">
                    {formatBytes(document.bytes)}
                    {document.status === "ready"
                      ? ` · ${String(document.chunk_count)} passages`
                      : ""}{" "}
                    · {formatRelative(document.created_at, { timeZone: me.timezone })}
                  </span>
                  {document.status === "failed" && document.error && (
                    <span className="field-error">{document.error}</span>
                  )}
                </div>
                <span className={`status status-${document.status}`}>
                  {document.status === "processing" && (
                    <span className="spinner" aria-hidden="true" />
                  )}
                  {document.status === "ready"
                    ? "Ready"
                    : document.status === "processing"
                      ? "Processing"
                      : "Failed"}
                </span>
                <button
                  type="button"
                  className="icon-button danger"
                  aria-label={`Delete ${document.title}`}
                  title="Delete"
                  onClick={() => void remove(document)}
                >
                  ×
                </button>
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
