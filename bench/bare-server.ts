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
const address = await app.listen({ port: Number(process.env.PORT ?? 0), host: "127.0.0.1" });
console.log(`bare ready ${address}`);
