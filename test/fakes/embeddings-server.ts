import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";

/** Words the fake model treats as synonyms: each group shares one dimension. */
const GROUPS = [
  ["car", "automobile", "vehicle", "sedan"],
  ["doctor", "physician", "clinic"],
  ["money", "cash", "salary", "payment"],
];
const DIMENSIONS = 32;

function dimensionOf(word: string): number {
  const group = GROUPS.findIndex((words) => words.includes(word));
  if (group >= 0) return group;
  let hash = 0;
  for (const char of word) hash = (hash * 31 + char.charCodeAt(0)) >>> 0;
  return GROUPS.length + (hash % (DIMENSIONS - GROUPS.length));
}

/** A deterministic bag-of-words embedding where synonyms land on the same axis. */
export function fakeEmbedding(text: string): number[] {
  const vector: number[] = new Array<number>(DIMENSIONS).fill(0);
  for (const word of text.toLowerCase().match(/[a-z]+/g) ?? []) vector[dimensionOf(word)]! += 1;
  if (!vector.some((value) => value > 0)) vector[DIMENSIONS - 1] = 1;
  return vector;
}

/** An OpenAI-compatible `/v1/embeddings` server on a random port, counting its requests. */
export async function startFakeEmbeddings(): Promise<{
  baseUrl: string;
  requests: { inputs: number }[];
  close(): Promise<void>;
}> {
  const requests: { inputs: number }[] = [];
  const server: Server = createServer((request, response) => {
    let body = "";
    request.on("data", (chunk: Buffer) => (body += chunk.toString()));
    request.on("end", () => {
      const { input } = JSON.parse(body) as { input: string[] };
      requests.push({ inputs: input.length });
      response.setHeader("content-type", "application/json");
      response.end(
        JSON.stringify({
          object: "list",
          data: input.map((text, index) => ({
            object: "embedding",
            index,
            embedding: fakeEmbedding(text),
          })),
        }),
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}/v1`,
    requests,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
