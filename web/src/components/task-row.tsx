import { formatDue, isOverdue } from "../lib/dates.js";
import type { Task } from "../lib/types.js";

const PRIORITY_LABEL = { none: "", low: "Low", medium: "Medium", high: "High" } as const;

/** One task: checkbox, title (click to edit), due / priority / tags, delete. */
export function TaskRow({
  task,
  timeZone,
  onToggle,
  onEdit,
  onDelete,
}: {
  task: Task;
  timeZone: string;
  onToggle: () => void;
  onEdit: () => void;
  onDelete: () => void;
}) {
  const overdue = isOverdue(task, { timeZone });
  const due = task.due_at ? formatDue(task.due_at, task.due_all_day, { timeZone }) : "";
  const checkboxId = `task-${task.id}`;
  return (
    <li className={`task${task.completed ? " done" : ""}${overdue ? " overdue" : ""}`}>
      <input
        id={checkboxId}
        type="checkbox"
        className="task-check"
        checked={task.completed}
        onChange={onToggle}
        aria-label={`${task.completed ? "Mark as not done" : "Complete"}: ${task.title}`}
      />
      <div className="task-body">
        <button
          type="button"
          className="task-title"
          onClick={onEdit}
          aria-label={`Edit: ${task.title}`}
        >
          {task.title}
        </button>
        {(due || task.priority !== "none" || task.tags.length > 0 || task.recurrence) && (
          <div className="task-meta">
            {due && (
              <span className={`due${overdue ? " overdue" : ""}`}>
                {overdue ? "Overdue · " : ""}
                {due}
              </span>
            )}
            {task.recurrence && (
              <span className="repeat" title={task.recurrence}>
                ↻ repeats
              </span>
            )}
            {task.priority !== "none" && (
              <span className={`priority p-${task.priority}`}>{PRIORITY_LABEL[task.priority]}</span>
            )}
            {task.tags.map((tag) => (
              <span key={tag} className="tag">
                #{tag}
              </span>
            ))}
          </div>
        )}
      </div>
      <button
        type="button"
        className="icon-button danger task-delete"
        onClick={onDelete}
        aria-label={`Delete: ${task.title}`}
        title="Delete"
      >
        ×
      </button>
    </li>
  );
}
