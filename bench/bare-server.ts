// A bare fastify server: the baseline the foundation benchmark compares Docket against.
import Fastify from "fastify";
import pg from "pg";
import { pgTypes } from "../src/db/prepared.js";
import { listStatement } from "../src/modules/tasks/task.list-query.js";

const app = Fastify({ logger: false });
const pool = process.env.DATABASE_URL
  ? new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 10 })
  : undefined;
app.get("/bare", async () => ({ status: "alive" }));
app.get("/bare-db", async () => {
  await pool?.query("SELECT 1");
  return { status: "ok" };
});
// Exactly the statement Docket's default task listing runs (pending, soonest due first, one
// page), run the same way: the same name (a prepared statement per connection), text, values
// and type parsing (timestamps as ISO strings). Its columns are the API's field names.
const { statement, values } = listStatement(process.env.USER_ID ?? "", {
  filters: { status: "pending" },
  sort: "due_at",
  order: "asc",
  limit: 50,
});
app.get("/bare-tasks", async () => {
  const config: pg.QueryConfig = {
    name: statement.name,
    text: statement.text,
    values,
    types: pgTypes,
  };
  const result = await pool?.query(config);
  return { tasks: result?.rows.slice(0, 50) ?? [], next_cursor: null };
});
const address = await app.listen({ port: Number(process.env.PORT ?? 0), host: "127.0.0.1" });
console.log(`bare ready ${address}`);
// Exit on SIGTERM through Node's own exit path, so a --cpu-prof profile gets written.
process.on("SIGTERM", () => {
  void app.close().then(() => process.exit(0));
});
