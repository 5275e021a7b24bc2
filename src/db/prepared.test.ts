import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildTestApp } from "../../test/helpers/app.js";
import type { App } from "../app.js";
import { isoFromTimestamptz, queryStatement } from "./prepared.js";

describe("isoFromTimestamptz", () => {
  it("writes exactly what Date#toISOString writes for PostgreSQL's UTC output", () => {
    let seed = 42;
    const random = () => {
      seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    const pad = (value: number, width = 2) => String(value).padStart(width, "0");
    for (let i = 0; i < 5000; i++) {
      const date = new Date(Math.floor(random() * 4_102_444_800_000)); // 1970–2100
      const digits = Math.floor(random() * 7); // PostgreSQL trims trailing zeros: 0–6 digits
      const fraction = digits
        ? `.${String(Math.floor(random() * 1_000_000))
            .padStart(6, "0")
            .slice(0, digits)}`
        : "";
      const text =
        `${date.getUTCFullYear()}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())} ` +
        `${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}:${pad(date.getUTCSeconds())}${fraction}+00`;
      expect(isoFromTimestamptz(text)).toBe(new Date(text).toISOString());
    }
  });

  it("truncates microseconds to milliseconds, as Date does", () => {
    expect(isoFromTimestamptz("2026-12-02 09:00:00.999999+00")).toBe("2026-12-02T09:00:00.999Z");
    expect(isoFromTimestamptz("2026-12-02 09:00:00.5+00")).toBe("2026-12-02T09:00:00.500Z");
    expect(isoFromTimestamptz("2026-12-02 09:00:00+00")).toBe("2026-12-02T09:00:00.000Z");
  });

  it("converts sessions in other time zones to the same UTC instant", () => {
    expect(isoFromTimestamptz("2026-12-02 10:00:00.25+01")).toBe("2026-12-02T09:00:00.250Z");
    expect(isoFromTimestamptz("2026-12-02 14:30:00+05:30")).toBe("2026-12-02T09:00:00.000Z");
    expect(isoFromTimestamptz("2026-12-01 23:00:00-10")).toBe("2026-12-02T09:00:00.000Z");
  });
});

describe("queryStatement", () => {
  let app: App;
  beforeAll(async () => {
    app = await buildTestApp();
  });
  afterAll(async () => {
    await app.close();
  });

  it("returns rows keyed by column with ISO timestamps, NULLs kept, other types parsed", async () => {
    const rows = await queryStatement<Record<string, unknown>>(
      app.db,
      {
        name: "prepared_test_types",
        text: "SELECT $1::timestamptz AS at, NULL::timestamptz AS never, ARRAY['a','b'] AS tags, 7 AS n, true AS ok",
      },
      ["2026-03-01T12:34:56.789999Z"],
    );
    expect(rows).toEqual([
      { at: "2026-03-01T12:34:56.789Z", never: null, tags: ["a", "b"], n: 7, ok: true },
    ]);
  });

  it("reuses a named statement with other values, also concurrently", async () => {
    const statement = { name: "prepared_test_reuse", text: "SELECT $1::text AS value" };
    const values = Array.from({ length: 40 }, (_, i) => `value ${i}`);
    const results = await Promise.all(
      values.map((value) => queryStatement<{ value: string }>(app.db, statement, [value])),
    );
    expect(results.map((rows) => rows[0]?.value)).toEqual(values);
  });

  it("runs unnamed statements", async () => {
    const rows = await queryStatement<{ sum: number }>(
      app.db,
      { text: "SELECT 1 + $1::int AS sum" },
      [2],
    );
    expect(rows).toEqual([{ sum: 3 }]);
  });
});
