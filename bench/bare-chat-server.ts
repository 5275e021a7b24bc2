// The floor of a streamed chat turn: the least work any server must do for one, with nothing of
// Docket in it (no authentication, tools, validation, metrics or logging). The chat benchmark runs
// it in the same harness as Docket, to show what part of Docket's latency is the machine's.
// One turn: read the conversation's history (one prepared query), stream the provider's answer
// (node:http with kept-alive connections, cheaper than fetch; Server-Sent Events) to the client
// as it arrives, store the user's message and the answer (one prepared INSERT), end the stream.
// Prints each request's id and duration (from its arrival to its last byte) as a JSON line.
// Env: DATABASE_URL, PROVIDER_URL (an OpenAI-compatible base URL ending in /v1), PORT.
import { randomUUID } from "node:crypto";
import http from "node:http";
import Fastify from "fastify";
import pg from "pg";

const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 10 });
await pool.query(`CREATE TABLE IF NOT EXISTS bare_messages (
  conversation_id uuid NOT NULL, sequence int NOT NULL, role text NOT NULL, content text NOT NULL,
  PRIMARY KEY (conversation_id, sequence))`);

const providerUrl = new URL(`${process.env.PROVIDER_URL ?? ""}/chat/completions`);
const agent = new http.Agent({ keepAlive: true, maxSockets: 50 });
function post(body: string): Promise<http.IncomingMessage> {
  return new Promise((resolve, reject) => {
    http
      .request(providerUrl, {
        method: "POST",
        agent,
        headers: { "content-type": "application/json", "content-length": Buffer.byteLength(body) },
      })
      .on("response", resolve)
      .on("error", reject)
      .end(body);
  });
}

async function turn(out: http.ServerResponse, message: string, conversationId: string) {
  const history = await pool.query<{ role: string; content: string }>({
    name: "bare-history",
    text: "SELECT role, content FROM bare_messages WHERE conversation_id = $1 ORDER BY sequence",
    values: [conversationId],
  });
  out.writeHead(200, { "content-type": "text/event-stream", "cache-control": "no-cache" });
  out.write(`data: ${JSON.stringify({ type: "start", conversation_id: conversationId })}\n\n`);
  const response = await post(
    JSON.stringify({
      model: "main-model",
      stream: true,
      messages: [...history.rows, { role: "user", content: message }],
    }),
  );
  response.setEncoding("utf8");
  let answer = "";
  let buffered = "";
  for await (const chunk of response) {
    buffered += chunk as string;
    let end: number;
    while ((end = buffered.indexOf("\n\n")) >= 0) {
      const event = buffered.slice(0, end).replace(/^data: /, "");
      buffered = buffered.slice(end + 2);
      if (event === "[DONE]") continue;
      const delta = (JSON.parse(event) as { choices: { delta?: { content?: string } }[] })
        .choices[0]?.delta?.content;
      if (!delta) continue;
      answer += delta;
      out.write(`data: ${JSON.stringify({ type: "text-delta", id: "0", delta })}\n\n`);
    }
  }
  const next = history.rows.length;
  await pool.query({
    name: "bare-store",
    text: "INSERT INTO bare_messages VALUES ($1, $2, 'user', $3), ($1, $4, 'assistant', $5)",
    values: [conversationId, next, message, next + 1, answer],
  });
  out.end(`data: ${JSON.stringify({ type: "finish" })}\n\ndata: [DONE]\n\n`);
}

const app = Fastify({
  logger: false,
  genReqId: (request) => String(request.headers["x-request-id"] ?? randomUUID()),
});
app.post<{ Body: { message: string; conversation_id?: string } }>(
  "/bare-chat",
  (request, reply) => {
    const started = performance.now();
    reply.hijack();
    const { message, conversation_id: id } = request.body;
    turn(reply.raw, message, id ?? randomUUID()).then(
      // Docket's "request completed" line in short: the benchmark reads the server's own time.
      () => {
        const duration = performance.now() - started;
        console.log(JSON.stringify({ request_id: request.id, duration_ms: duration }));
      },
      (error: unknown) => {
        reply.raw.destroy(error as Error);
      },
    );
  },
);

const address = await app.listen({ port: Number(process.env.PORT ?? 0), host: "127.0.0.1" });
console.log(`bare chat ready ${address}`);
// Exit on SIGTERM through Node's own exit path, so a --cpu-prof profile gets written.
process.on("SIGTERM", () => {
  void app.close().then(() => process.exit(0));
});
