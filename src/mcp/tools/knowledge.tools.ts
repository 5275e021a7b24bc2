import { z } from "zod";
import {
  knowledgeSearchAdapter,
  knowledgeToolDefinitions,
} from "../../ai/tools/knowledge-tools.js";
import type { Actor } from "../../modules/auth/actor.js";
import type { McpToolDefinition, McpToolSpec } from "../tool-adapter.js";

/** What `search_knowledge` needs from the knowledge service (`app.knowledge.search`). */
export interface KnowledgeSearcher {
  search(
    actor: Actor,
    input: { query: string; limit?: number },
  ): Promise<
    { document_id: string; document_title: string; chunk_id: string; text: string; score: number }[]
  >;
}

const searchOutput = z.object({
  results: z.array(
    z.object({
      n: z.number().int().describe("Cite this passage as [n]."),
      document_id: z.string(),
      title: z.string().describe("The document's title."),
      chunk_id: z.string(),
      snippet: z.string().describe("The passage, fenced as document data."),
      score: z.number(),
    }),
  ),
});

const SEARCH_SPEC: McpToolSpec<typeof searchOutput> = {
  title: "Search your documents",
  outputSchema: searchOutput,
  annotations: { readOnlyHint: true, openWorldHint: false },
  summarize: ({ results }) =>
    results.length === 0
      ? "No passage in the user's documents matches."
      : `${String(results.length)} passage${results.length === 1 ? "" : "s"}: ${results
          .map((r) => `[${String(r.n)}] ${r.title}`)
          .join("; ")}`,
};

/** `search_knowledge` for one actor: the chat agent's definition with MCP's output schema. */
export function knowledgeMcpTools(
  searcher: KnowledgeSearcher,
  actor: Actor,
  onError: (error: unknown, tool: string) => void,
): McpToolDefinition[] {
  return knowledgeToolDefinitions(
    { knowledge: knowledgeSearchAdapter(searcher), onError },
    actor,
  ).map((definition) => ({ definition, spec: SEARCH_SPEC }));
}
