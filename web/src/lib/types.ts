/** Shapes of the API (see API.md); snake_case as on the wire. */

/** A task's priority. */
export type Priority = "none" | "low" | "medium" | "high";

/** A task as the API returns it. */
export interface Task {
  id: string;
  title: string;
  description: string | null;
  completed: boolean;
  completed_at: string | null;
  priority: Priority;
  due_at: string | null;
  due_all_day: boolean;
  recurrence: string | null;
  tags: string[];
  created_at: string;
  updated_at: string;
}

/** The signed-in user's profile (`GET /api/me`). */
export interface Me {
  id: string;
  email: string;
  name: string;
  timezone: string;
  created_at: string;
}

/** A conversation in the list. */
export interface ConversationSummary {
  id: string;
  title: string | null;
  created_at: string;
  updated_at: string;
  message_count: number;
}

/** A stored tool call of a message (JSON mode and history). */
export interface StoredToolCall {
  tool: string;
  arguments?: unknown;
  result?: unknown;
  is_error?: boolean;
}

/** A stored message of a conversation. */
export interface StoredMessage {
  id: string;
  role: string;
  content: string | null;
  tool_calls?: StoredToolCall[] | null;
  sources?: Source[] | null;
  created_at: string;
}

/** A conversation with its messages. */
export interface ConversationDetail {
  id: string;
  title: string | null;
  messages: StoredMessage[];
}

/** A passage an answer cites as `[n]`. */
export interface Source {
  n?: number;
  document_id: string;
  title: string;
  chunk_id?: string;
  snippet?: string;
}

/** An uploaded document. */
export interface DocumentItem {
  id: string;
  title: string;
  status: "ready" | "processing" | "failed";
  chunk_count: number;
  bytes: number;
  created_at: string;
  error?: string | null;
}

/** One ranked passage of `GET /api/search`. */
export interface SearchResult {
  document_id: string;
  document_title: string;
  chunk_id: string;
  text: string;
  score: number;
  position: number;
}

/** An API key without its secret. */
export interface ApiKey {
  id: string;
  name: string;
  prefix: string;
  created_at: string;
  expires_at: string | null;
  last_used_at?: string | null;
}

/** A freshly created API key: the only time `key` is visible. */
export interface CreatedApiKey extends ApiKey {
  key: string;
}
