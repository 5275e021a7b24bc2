import { sql } from "drizzle-orm";
import { boolean, check, index, pgTable, text, timestamp } from "drizzle-orm/pg-core";
import { user } from "./auth.js";

/** A user's task. `recurrence` is an RFC 5545 RRULE; `tags` are lower-case. */
export const tasks = pgTable(
  "tasks",
  {
    id: text("id").primaryKey(),
    userId: text("user_id")
      .notNull()
      .references(() => user.id, { onDelete: "cascade" }),
    title: text("title").notNull(),
    description: text("description"),
    completed: boolean("completed").notNull().default(false),
    completedAt: timestamp("completed_at", { withTimezone: true }),
    priority: text("priority", { enum: ["none", "low", "medium", "high"] })
      .notNull()
      .default("none"),
    dueAt: timestamp("due_at", { withTimezone: true }),
    dueAllDay: boolean("due_all_day").notNull().default(false),
    recurrence: text("recurrence"),
    tags: text("tags")
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    index("tasks_user_completed_due_idx").on(table.userId, table.completed, table.dueAt),
    index("tasks_user_created_idx").on(table.userId, table.createdAt),
    index("tasks_tags_idx").using("gin", table.tags),
    check("tasks_priority_check", sql`${table.priority} IN ('none', 'low', 'medium', 'high')`),
  ],
);
