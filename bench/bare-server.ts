// A bare fastify server: the baseline the foundation benchmark compares Docket against.
import Fastify from "fastify";
import pg from "pg";

const app = Fastify({ logger: false });
const pool = process.env.DATABASE_URL
  ? new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 10 })
  : undefined;
app.get("/bare", async () => ({ status: "alive" }));
app.get("/bare-db", async () => {
  await pool?.query("SELECT 1");
  return { status: "ok" };
});
// The same query Docket's default task listing runs (pending, soonest due first, one page).
app.get("/bare-tasks", async () => {
  const result = await pool?.query(
    `SELECT * FROM tasks WHERE user_id = $1 AND completed = false
     ORDER BY due_at ASC NULLS LAST, created_at ASC, id ASC LIMIT 51`,
    [process.env.USER_ID],
  );
  return { tasks: result?.rows.slice(0, 50) ?? [], next_cursor: null };
});
const address = await app.listen({ port: Number(process.env.PORT ?? 0), host: "127.0.0.1" });
console.log(`bare ready ${address}`);
