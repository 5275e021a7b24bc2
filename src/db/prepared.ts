import pg from "pg";
import type { Database } from "./client.js";

interface QueryClient {
  query(
    config: string | { name: string; text: string; values: unknown[] },
    values?: unknown[],
  ): Promise<{ rows: unknown[] }>;
}

/**
 * A fixed SQL statement for a hot path, run with positional parameters (`$1`...). On
 * PostgreSQL it is a named prepared statement: parsed and planned once per pooled connection,
 * and sent without drizzle's query building. On PGlite (one in-process connection, nothing on
 * the wire) it is a plain parameterised query. Rows come back as the driver parses them
 * (snake_case columns; timestamps as `Date`, jsonb parsed). Not for use inside a transaction:
 * it runs on the pool.
 */
export function preparedStatement<Row>(
  name: string,
  text: string,
): (db: Database, values: unknown[]) => Promise<Row[]> {
  return async (db, values) => {
    const client = (db as unknown as { $client: QueryClient }).$client;
    const result =
      client instanceof pg.Pool
        ? await client.query({ name, text, values })
        : await client.query(text, values);
    return result.rows as Row[];
  };
}
