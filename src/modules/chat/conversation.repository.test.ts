import { randomUUID } from "node:crypto";
import { and, eq, isNull } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { App } from "../../app.js";
import { messages } from "../../db/schema/chat.js";
import { signUp, type TestUser } from "../../../test/helpers/auth.js";
import { buildChatApp } from "../../../test/helpers/chat.js";
import { loadConversationForUser, saveTurn, type NewMessage } from "./conversation.repository.js";

let app: App;
let alice: TestUser;
let bob: TestUser;

beforeAll(async () => {
  app = await buildChatApp({ LLM_PROVIDER: "offline" });
  alice = await signUp(app);
  bob = await signUp(app);
});
afterAll(async () => {
  await app.close();
});

const exchange = (text: string): NewMessage[] => [
  { role: "user", content: text, status: "complete" },
  {
    role: "assistant",
    content: `re: ${text}`,
    parts: [{ type: "text", text: `re: ${text}` }],
    usage: { input_tokens: 3, output_tokens: 2, total_tokens: 5 },
    latencyMs: 7,
    status: "complete",
  },
];

async function newConversation(user: TestUser): Promise<string> {
  const conversationId = randomUUID();
  const stored = await saveTurn(app.db, {
    conversationId,
    userId: user.userId,
    newTitle: "first",
    messages: exchange("first"),
  });
  expect(stored?.map((row) => row.sequence)).toEqual([1, 2]);
  return conversationId;
}

describe("saveTurn / loadConversationForUser", () => {
  it("stores each message as its own row, in order, and reads the history back", async () => {
    const id = await newConversation(alice);
    const stored = await saveTurn(app.db, {
      conversationId: id,
      userId: alice.userId,
      messages: exchange("second <script>'; drop table messages; --"),
    });
    expect(stored?.map((row) => [row.role, row.sequence])).toEqual([
      ["user", 3],
      ["assistant", 4],
    ]);
    const history = await loadConversationForUser(app.db, alice.userId, id);
    expect(history?.map((row) => row.content)).toEqual([
      "first",
      "re: first",
      "second <script>'; drop table messages; --",
      "re: second <script>'; drop table messages; --",
    ]);
    expect(history?.[1]?.parts).toEqual([{ type: "text", text: "re: first" }]);
    // Absent values are SQL nulls, not JSON nulls.
    const nulls = await app.db
      .select({ id: messages.id })
      .from(messages)
      .where(and(eq(messages.conversationId, id), isNull(messages.toolCalls)));
    expect(nulls).toHaveLength(4);
    const [assistant] = await app.db
      .select()
      .from(messages)
      .where(and(eq(messages.conversationId, id), eq(messages.sequence, 2)));
    expect(assistant).toMatchObject({
      latencyMs: 7,
      usage: { input_tokens: 3 },
      status: "complete",
    });
  });

  it("refuses another user's conversation: nothing loaded, nothing stored", async () => {
    const id = await newConversation(alice);
    expect(await loadConversationForUser(app.db, bob.userId, id)).toBeUndefined();
    expect(
      await saveTurn(app.db, { conversationId: id, userId: bob.userId, messages: exchange("x") }),
    ).toBeUndefined();
    expect(await loadConversationForUser(app.db, alice.userId, id)).toHaveLength(2);
    expect(await loadConversationForUser(app.db, alice.userId, randomUUID())).toBeUndefined();
  });

  it("gives concurrent turns of one conversation distinct sequence numbers, none lost", async () => {
    const id = await newConversation(alice);
    await Promise.all(
      Array.from({ length: 12 }, (_, index) =>
        saveTurn(app.db, {
          conversationId: id,
          userId: alice.userId,
          messages: exchange(`turn ${index}`),
        }),
      ),
    );
    const rows = await app.db
      .select({ sequence: messages.sequence, role: messages.role, content: messages.content })
      .from(messages)
      .where(eq(messages.conversationId, id))
      .orderBy(messages.sequence);
    expect(rows.map((row) => row.sequence)).toEqual(
      Array.from({ length: 26 }, (_, index) => index + 1),
    );
    // Each turn's two rows stay together: a user message, then its own answer.
    for (let index = 0; index < rows.length; index += 2) {
      expect(rows[index + 1]?.content).toBe(`re: ${rows[index]?.content}`);
    }
  });
});
