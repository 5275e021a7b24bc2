import { PGlite } from "@electric-sql/pglite";
import pg from "pg";
import type { Database } from "./client.js";

/** PostgreSQL's type OID of `timestamptz`. */
const TIMESTAMPTZ = 1184;

/**
 * A statement a hot path runs over and over with different values. On node-postgres the name
 * makes it a server-side prepared statement: each pooled connection parses and plans it once
 * (planning was half of the task listing's execution time), then only binds values. The same
 * name must always carry the same text within a process (node-postgres refuses otherwise).
 * Without a name it runs as an unnamed statement, parsed and planned each time.
 */
export interface Statement {
  name?: string | undefined;
  text: string;
}

// "2026-12-02 09:00:00.123456+00": the ISO DateStyle output of a timestamptz in a UTC session.
const UTC_OUTPUT = /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d(?:\.\d{1,6})?\+00$/;

/**
 * A `timestamptz` as PostgreSQL sends it in text, as `Date#toISOString` would write it
 * ("2026-12-02T09:00:00.123Z": milliseconds, extra digits truncated like `Date` does), without
 * building a `Date` in the common case of a UTC session; any other form goes through `Date`.
 */
export function isoFromTimestamptz(text: string): string {
  if (!UTC_OUTPUT.test(text)) return new Date(text).toISOString();
  // At least three fraction digits ("…:SS.fff…+00", 26+ characters): cut, no padding.
  if (text.length >= 26) return `${text.slice(0, 10)}T${text.slice(11, 23)}Z`;
  const fraction = text.length > 22 ? text.slice(20, -3) : "";
  return `${text.slice(0, 10)}T${text.slice(11, 19)}.${fraction.padEnd(3, "0")}Z`;
}

type Parser = (value: string) => unknown;
type GetTypeParser = (oid: number, format?: string) => Parser;
const defaultTypeParser = pg.types.getTypeParser as unknown as GetTypeParser;
const getTypeParser: GetTypeParser = (oid, format) =>
  oid === TIMESTAMPTZ ? isoFromTimestamptz : defaultTypeParser(oid, format);

/** node-postgres per-query type parsing: ISO strings for timestamptz, the defaults otherwise. */
export const pgTypes = { getTypeParser } as unknown as pg.CustomTypesConfig;

const pgliteParsers = { [TIMESTAMPTZ]: isoFromTimestamptz };

/**
 * Runs `statement` with `values` directly on the driver behind `db` (a top-level drizzle
 * database, not a transaction) and returns its rows as objects keyed by column name, timestamps
 * as ISO 8601 strings. For hot read paths whose columns are the API's own names, so no mapping
 * is needed; everything else keeps using drizzle.
 */
export async function queryStatement<T>(
  db: Database,
  statement: Statement,
  values: unknown[],
): Promise<T[]> {
  const client = (db as unknown as { $client: unknown }).$client;
  if (client instanceof PGlite) {
    // In-process: no round trip or network write to save; PGlite runs unnamed statements.
    const result = await client.query<T>(statement.text, values, { parsers: pgliteParsers });
    return result.rows;
  }
  const config: pg.QueryConfig = { text: statement.text, values, types: pgTypes };
  if (statement.name) config.name = statement.name;
  const result = await (client as pg.Pool).query<T & pg.QueryResultRow>(config);
  return result.rows;
}

/**
 * A fixed statement of a hot path under its name, as a function of the database and the values
 * of its positional parameters (`$1`…); see `queryStatement`. Not for use inside a transaction.
 */
export function preparedStatement<Row>(
  name: string,
  text: string,
): (db: Database, values: unknown[]) => Promise<Row[]> {
  const statement: Statement = { name, text };
  return (db, values) => queryStatement<Row>(db, statement, values);
}
