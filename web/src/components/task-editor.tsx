import { useState, type SyntheticEvent } from "react";
import { ApiError, messageOf } from "../lib/api.js";
import { fromDateTimeLocal, toDateTimeLocal } from "../lib/dates.js";
import { parseTags } from "../lib/task-views.js";
import type { Priority, Task } from "../lib/types.js";

/** The fields an edit sends (`PATCH /api/tasks/{id}`). */
export interface TaskPatch {
  title: string;
  due_at: string | null;
  due_all_day?: boolean;
  priority: Priority;
  tags: string[];
}

/** Inline editing of a task's title, due time, priority and tags. */
export function TaskEditor({
  task,
  timeZone,
  onSave,
  onCancel,
}: {
  task: Task;
  timeZone: string;
  onSave: (patch: TaskPatch) => Promise<void>;
  onCancel: () => void;
}) {
  const [title, setTitle] = useState(task.title);
  const [due, setDue] = useState(toDateTimeLocal(task.due_at, timeZone));
  const [priority, setPriority] = useState<Priority>(task.priority);
  const [tags, setTags] = useState(task.tags.join(", "));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const id = `edit-${task.id}`;

  async function submit(event: SyntheticEvent) {
    event.preventDefault();
    if (!title.trim()) {
      setErrors({ title: "A task needs a title." });
      return;
    }
    const dueAt = due ? fromDateTimeLocal(due, timeZone) : null;
    const unchangedDue = due === toDateTimeLocal(task.due_at, timeZone);
    setBusy(true);
    try {
      await onSave({
        title: title.trim(),
        due_at: unchangedDue ? task.due_at : dueAt,
        ...(unchangedDue ? {} : { due_all_day: false }),
        priority,
        tags: parseTags(tags),
      });
    } catch (error) {
      const fields = error instanceof ApiError ? error.fieldErrors : {};
      const tagError = Object.entries(fields).find(([path]) => path.startsWith("tags"))?.[1];
      setErrors({
        ...(fields.title ? { title: fields.title } : {}),
        ...(fields.due_at ? { due: fields.due_at } : {}),
        ...(tagError ? { tags: tagError } : {}),
        ...(Object.keys(fields).length === 0 ? { form: messageOf(error) } : {}),
      });
      setBusy(false);
    }
  }

  return (
    <form
      className="task-editor"
      onSubmit={(event) => void submit(event)}
      onKeyDown={(event) => {
        if (event.key === "Escape") onCancel();
      }}
      aria-label={`Edit “${task.title}”`}
    >
      <label htmlFor={`${id}-title`}>Title</label>
      <input
        id={`${id}-title`}
        value={title}
        maxLength={500}
        autoFocus
        onChange={(event) => setTitle(event.target.value)}
        aria-invalid={errors.title ? true : undefined}
      />
      {errors.title && <p className="field-error">{errors.title}</p>}
      <div className="task-editor-row">
        <div>
          <label htmlFor={`${id}-due`}>Due</label>
          <input
            id={`${id}-due`}
            type="datetime-local"
            value={due}
            onChange={(event) => setDue(event.target.value)}
          />
        </div>
        <div>
          <label htmlFor={`${id}-priority`}>Priority</label>
          <select
            id={`${id}-priority`}
            value={priority}
            onChange={(event) => setPriority(event.target.value as Priority)}
          >
            <option value="none">None</option>
            <option value="low">Low</option>
            <option value="medium">Medium</option>
            <option value="high">High</option>
          </select>
        </div>
      </div>
      {errors.due && <p className="field-error">{errors.due}</p>}
      <label htmlFor={`${id}-tags`}>Tags</label>
      <input
        id={`${id}-tags`}
        value={tags}
        placeholder="home, errands"
        onChange={(event) => setTags(event.target.value)}
      />
      {errors.tags && <p className="field-error">{errors.tags}</p>}
      {errors.form && (
        <p className="field-error" role="alert">
          {errors.form}
        </p>
      )}
      <div className="task-editor-actions">
        <button type="button" className="button ghost small" onClick={onCancel}>
          Cancel
        </button>
        <button type="submit" className="button primary small" disabled={busy}>
          Save
        </button>
      </div>
    </form>
  );
}
