import { AppError } from "../../errors.js";

/** One value of a sort key inside a cursor: an ISO instant, a number, a string or null. */
export type CursorValue = string | number | null;

/** What a cursor remembers: the sort it belongs to and the keys of the last row returned. */
export interface CursorPosition {
  /** The sort and order the cursor was made for, e.g. "due_at:asc". */
  sort: string;
  /** The sort-key values of the last row, ending with its id. */
  keys: CursorValue[];
}

/** A 422 `INVALID_CURSOR`. */
export function invalidCursor(
  detail = "The cursor is not valid; start again without it.",
): AppError {
  return new AppError(422, "INVALID_CURSOR", detail, {
    errors: [{ path: "cursor", message: "is not a valid cursor" }],
  });
}

/** Encodes a position as an opaque base64url string. */
export function encodeCursor(position: CursorPosition): string {
  return Buffer.from(JSON.stringify([position.sort, ...position.keys]), "utf8").toString(
    "base64url",
  );
}

/** Decodes a cursor made by `encodeCursor` for `sort` with `keyCount` keys; otherwise a 422. */
export function decodeCursor(cursor: string, sort: string, keyCount: number): CursorValue[] {
  if (!/^[A-Za-z0-9_-]+$/.test(cursor)) throw invalidCursor();
  let decoded: unknown;
  try {
    decoded = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
  } catch {
    throw invalidCursor();
  }
  if (!Array.isArray(decoded)) throw invalidCursor();
  const [cursorSort, ...keys] = decoded as unknown[];
  if (
    typeof cursorSort === "string" &&
    cursorSort !== sort &&
    /^[a-z_]+:(asc|desc)$/.test(cursorSort)
  ) {
    throw invalidCursor("The cursor belongs to a different sort order; start again without it.");
  }
  if (cursorSort !== sort || keys.length !== keyCount) throw invalidCursor();
  if (!keys.every((key) => key === null || typeof key === "string" || typeof key === "number")) {
    throw invalidCursor();
  }
  return keys;
}
