import { useCallback, useEffect, useRef, useState, type SyntheticEvent } from "react";
import { api, ApiError, messageOf } from "../lib/api.js";
import { onTablistKeyDown, tabIndexOf } from "../lib/tabs.js";
import { emptyViewHint, TASK_VIEWS, taskViewQuery, type TaskView } from "../lib/task-views.js";
import type { Task } from "../lib/types.js";
import { useMe } from "../lib/user-context.js";
import { TaskEditor, type TaskPatch } from "./task-editor.js";
import { TaskRow } from "./task-row.js";

const UNDO_MS = 5000;

interface PendingDelete {
  task: Task;
  timer: number;
}

/**
 * The tasks beside the chat: views, quick add, check off, inline edit, delete with undo.
 * `version` changes when the assistant touched tasks, which refetches.
 */
export function TasksPanel({ version }: { version: number }) {
  const { me } = useMe();
  const [view, setView] = useState<TaskView>("pending");
  const [tasks, setTasks] = useState<Task[]>([]);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<string | null>(null);
  const [editing, setEditing] = useState<string | null>(null);
  const [quick, setQuick] = useState("");
  const [quickError, setQuickError] = useState<string | null>(null);
  const [adding, setAdding] = useState(false);
  const [undo, setUndo] = useState<Task | null>(null);
  const pendingDeletes = useRef(new Map<string, PendingDelete>());
  const requestSeq = useRef(0);

  const load = useCallback(async () => {
    const seq = ++requestSeq.current;
    try {
      const query = taskViewQuery(view, new Date(), me.timezone);
      const page = await api<{ tasks: Task[] }>(`/api/tasks?${query}`);
      if (seq !== requestSeq.current) return; // a newer request (other view) wins
      setTasks(page.tasks.filter((task) => !pendingDeletes.current.has(task.id)));
      setError(null);
    } catch (err) {
      if (seq === requestSeq.current) setError(messageOf(err));
    } finally {
      if (seq === requestSeq.current) setLoading(false);
    }
  }, [view, me.timezone]);

  useEffect(() => {
    setLoading(true);
    void load();
  }, [load, version]);

  // Coming back to the tab shows changes made elsewhere (another tab, MCP, the API).
  useEffect(() => {
    const onFocus = () => void load();
    window.addEventListener("focus", onFocus);
    return () => window.removeEventListener("focus", onFocus);
  }, [load]);

  // Deletes still waiting for their undo window are carried out when the panel goes away or
  // the tab closes (keepalive lets the request outlive the page).
  useEffect(() => {
    const pending = pendingDeletes.current;
    const flush = () => {
      for (const [id, entry] of pending) {
        window.clearTimeout(entry.timer);
        void fetch(`/api/tasks/${encodeURIComponent(id)}`, {
          method: "DELETE",
          credentials: "same-origin",
          keepalive: true,
        }).catch(() => undefined);
      }
      pending.clear();
    };
    window.addEventListener("pagehide", flush);
    return () => {
      window.removeEventListener("pagehide", flush);
      flush();
    };
  }, []);

  async function quickAdd(event: SyntheticEvent) {
    event.preventDefault();
    const text = quick.trim();
    if (!text) return;
    setAdding(true);
    setQuickError(null);
    try {
      const task = await api<Task>("/api/tasks/quick-add", { method: "POST", body: { text } });
      setQuick("");
      if (view === "pending") setTasks((list) => [task, ...list.filter((t) => t.id !== task.id)]);
      void load();
    } catch (err) {
      setQuickError(
        err instanceof ApiError ? (err.fieldErrors.text ?? err.message) : messageOf(err),
      );
    } finally {
      setAdding(false);
    }
  }

  async function toggle(task: Task) {
    const flipped = { ...task, completed: !task.completed };
    setTasks((list) => list.map((t) => (t.id === task.id ? flipped : t)));
    try {
      const saved = await api<Task>(`/api/tasks/${encodeURIComponent(task.id)}/toggle`, {
        method: "POST",
      });
      setTasks((list) => list.map((t) => (t.id === task.id ? saved : t)));
      // Let the tick be seen before the task leaves a view it no longer belongs to.
      window.setTimeout(() => void load(), 700);
    } catch (err) {
      setTasks((list) => list.map((t) => (t.id === task.id ? task : t)));
      setError(messageOf(err));
    }
  }

  async function save(task: Task, patch: TaskPatch) {
    const saved = await api<Task>(`/api/tasks/${encodeURIComponent(task.id)}`, {
      method: "PATCH",
      body: patch,
    });
    setTasks((list) => list.map((t) => (t.id === task.id ? saved : t)));
    setEditing(null);
    void load();
  }

  function remove(task: Task) {
    setTasks((list) => list.filter((t) => t.id !== task.id));
    const timer = window.setTimeout(() => {
      pendingDeletes.current.delete(task.id);
      setUndo((current) => (current?.id === task.id ? null : current));
      api(`/api/tasks/${encodeURIComponent(task.id)}`, { method: "DELETE" }).catch(
        (err: unknown) => {
          if (!(err instanceof ApiError && err.status === 404)) {
            setError(messageOf(err));
            void load();
          }
        },
      );
    }, UNDO_MS);
    pendingDeletes.current.set(task.id, { task, timer });
    setUndo(task);
  }

  function undoDelete() {
    if (!undo) return;
    const entry = pendingDeletes.current.get(undo.id);
    if (entry) {
      window.clearTimeout(entry.timer);
      pendingDeletes.current.delete(undo.id);
    }
    setUndo(null);
    void load();
  }

  const hint = emptyViewHint(view);
  return (
    <section className="tasks" aria-labelledby="tasks-heading">
      <div className="tasks-head">
        <h2 id="tasks-heading">Tasks</h2>
      </div>
      <form className="quick-add" onSubmit={(event) => void quickAdd(event)}>
        <label htmlFor="quick-add" className="visually-hidden">
          Quick add a task
        </label>
        <input
          id="quick-add"
          value={quick}
          maxLength={1000}
          placeholder="Add a task, e.g. “call mom 5pm”"
          onChange={(event) => setQuick(event.target.value)}
          aria-invalid={quickError ? true : undefined}
          aria-describedby={quickError ? "quick-add-error" : undefined}
          disabled={adding}
        />
        <button type="submit" className="button small" disabled={adding || !quick.trim()}>
          Add
        </button>
      </form>
      {quickError && (
        <p id="quick-add-error" className="field-error pad-x" role="alert">
          {quickError}
        </p>
      )}
      <div
        className="segmented views"
        role="tablist"
        aria-label="Which tasks"
        onKeyDown={onTablistKeyDown}
      >
        {TASK_VIEWS.map((item) => (
          <button
            key={item.id}
            type="button"
            role="tab"
            aria-selected={view === item.id}
            tabIndex={tabIndexOf(view === item.id)}
            onClick={() => {
              setView(item.id);
              setEditing(null);
            }}
          >
            {item.label}
          </button>
        ))}
      </div>
      {error && (
        <p className="banner error" role="alert">
          {error}{" "}
          <button type="button" className="link-button" onClick={() => void load()}>
            Try again
          </button>
        </p>
      )}
      {loading && tasks.length === 0 ? (
        <ul className="task-list skeleton" aria-hidden="true">
          <li />
          <li />
          <li />
        </ul>
      ) : tasks.length === 0 && !error ? (
        <div className="empty">
          <p className="empty-title">{hint.title}</p>
          <p className="muted">{hint.hint}</p>
        </div>
      ) : (
        <ul className="task-list" aria-label={`${view} tasks`}>
          {tasks.map((task) =>
            editing === task.id ? (
              <li key={task.id} className="task editing">
                <TaskEditor
                  task={task}
                  timeZone={me.timezone}
                  onSave={(patch) => save(task, patch)}
                  onCancel={() => setEditing(null)}
                />
              </li>
            ) : (
              <TaskRow
                key={task.id}
                task={task}
                timeZone={me.timezone}
                onToggle={() => void toggle(task)}
                onEdit={() => setEditing(task.id)}
                onDelete={() => remove(task)}
              />
            ),
          )}
        </ul>
      )}
      {undo && (
        <div className="toast" role="status">
          <span>
            Deleted “<span className="toast-title">{undo.title}</span>”
          </span>
          <button type="button" className="link-button" onClick={undoDelete}>
            Undo
          </button>
        </div>
      )}
    </section>
  );
}
