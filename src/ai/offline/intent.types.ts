import type { Priority } from "./offline.types.js";

/** How the user named a task: by its place in the last list, as "it", or by (part of) its title. */
export type TaskRef =
  | { kind: "position"; position: number | "last" }
  | { kind: "pronoun" }
  | { kind: "title"; text: string };

/** Which tasks a list request asks for. */
export interface ListFilter {
  status: "pending" | "completed" | "all";
  due?:
    | "today"
    | "tomorrow"
    | "overdue"
    /** "what's overdue and what's due today": both, answered as two lists. */
    | "overdue-and-today"
    | "week"
    | "next-week"
    | "upcoming"
    | "weekend"
    | "month"
    | "next-month"
    | "undated";
  /** "in the next 3 days": today and that many days after it. */
  days?: number;
  /** Words to find in the tasks ("do I have a task about the dentist?"). */
  q?: string;
  /** One day named in words ("friday", "the 20th", "march 20"), read against the clock later. */
  day?: string;
  /** "due before friday" (strictly before that day) or "due by friday" (up to its end). */
  dayBound?: "before" | "through";
  tag?: string;
  /** "show gym": `tag` was a bare word; when no task has that tag, the tasks called so. */
  tagOrTitle?: boolean;
  priority?: Priority;
  /** "by priority" (highest first) or "by due date" (soonest first, undated last). */
  sort?: "priority" | "due";
  /** "sort by priority" said alone: the list shown just before, in that order. */
  resort?: boolean;
}

/** "by 2 days", "back a week", "an hour earlier": a due date moved relative to itself. */
export interface DueShift {
  amount: number;
  unit: "minute" | "hour" | "day" | "week" | "month";
}

/** What the user asked for, as the offline model understands it. */
export type Intent =
  | { kind: "greeting" | "thanks" | "acknowledge" | "farewell" | "help" | "undo" }
  /** "What did you just change?": the last change, described; nothing changes. */
  | { kind: "last-change" }
  /** "That's wrong", "not what I meant": an apology and the way back; nothing changes. */
  | { kind: "complaint" }
  /** "What time is it?", or "… in Tokyo?" (`place`, as typed). */
  | { kind: "clock"; place?: string }
  | { kind: "add"; text: string }
  /** "add buy eggs and add call mom friday": several tasks, each said with its own verb. */
  | { kind: "add-many"; texts: string[] }
  /**
   * "buy eggs tomorrow", "dentist friday 3pm": maybe a task, said without "add". `verbLed` when it
   * opens with a task verb ("buy", "email"); `asked` when the words around it ask for it ("can
   * you", "I need to", "remind me").
   */
  | { kind: "implicit-add"; text: string; verbLed: boolean; asked: boolean }
  | { kind: "list"; filter: ListFilter; count: boolean }
  | { kind: "complete" | "reopen" | "delete"; ref: TaskRef }
  | { kind: "rename"; ref: TaskRef; title: string; loose: boolean }
  | {
      kind: "reschedule";
      ref: TaskRef;
      when: string | null;
      by?: DueShift;
      /** "postpone X": moved by `by`, and to tomorrow at least (an overdue task too). */
      postpone?: boolean;
      /** "skip X today": only a task due today or before is moved. */
      today?: boolean;
      /** Said as a fact ("gym is on friday"): only a task every word of `ref` names is moved. */
      fact?: boolean;
    }
  | { kind: "priority"; ref: TaskRef; priority: Priority }
  | {
      kind: "tag";
      ref: TaskRef;
      tags: string[];
      remove: boolean;
      /** "add a travel tag to passport": the task to add instead when no task is called that. */
      orAdd?: string;
    }
  | { kind: "due-query"; ref: TaskRef; text: string }
  /** "reschedule the dentist", "move gym": a move without a day, which is asked for. */
  | { kind: "ask-when"; ref: TaskRef }
  /**
   * "tell me about gym", "what's the priority of rent?", "is the report overdue?": one task's
   * details, or one of them, changing nothing. `priority` / `tag`: the value asked about
   * ("is rent urgent?", "is gym tagged health?").
   */
  | {
      kind: "detail-query";
      ref: TaskRef;
      text: string;
      aspect: "all" | "priority" | "tags" | "overdue" | "repeat";
      priority?: Priority;
      tag?: string;
    }
  /**
   * "complete all my tasks", "delete all completed tasks": one action over every task `filter`
   * selects, asked about before anything changes.
   */
  | {
      kind: "bulk";
      action: "complete" | "delete" | "reopen" | "reschedule";
      filter: ListFilter;
      /** "everything except call mom": the tasks, by title, left out of the set. */
      except?: string[];
      /** "move everything due today to tomorrow": where a reschedule moves them, as said. */
      when?: string;
    }
  /**
   * "is gym done?": whether a task is done, changing nothing. `loose` for "did I learn piano?"
   * (any verb): a task it names none of is said to be missing, not searched for in documents;
   * `orTitle` is the same without the verb ("did I go to the gym?": "gym").
   */
  | { kind: "status-query"; ref: TaskRef; text: string; loose?: boolean; orTitle?: string }
  /** "did I delete milk?": whether the task is still there, changing nothing. */
  | { kind: "delete-query"; ref: TaskRef; text: string }
  /** "remove gym?": a delete asked as a question, confirmed before anything is deleted. */
  | { kind: "delete-confirm"; ref: TaskRef }
  /** "yes" / "no": the answer to a question of mine. */
  | { kind: "answer"; yes: boolean }
  | { kind: "question"; text: string }
  /**
   * "remove the note from X", "add a note to X: …": a part of a task the assistant cannot change
   * (never the task).
   */
  | { kind: "unsupported"; part: string; adding?: boolean }
  | { kind: "unknown"; text: string };
