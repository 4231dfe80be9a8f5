import type { SavedKeyset, SavedListRecord, SavedSort } from "@sous/db";
import { ValidationError } from "../errors.js";

/**
 * Opaque keyset cursor of `saved.list`: base64url JSON of [sort, sort key, id] of the last row shown. The sort
 * key is the creation time (ISO, milliseconds — the column stores no more) or the title. A cursor only
 * continues the sort it came from; anything that does not decode to a valid keyset is a BAD_REQUEST.
 */
export function encodeCursor(sort: SavedSort, row: SavedListRecord): string {
  const key = sort === "title" ? row.title : row.createdAt.toISOString();
  return Buffer.from(JSON.stringify([sort, key, row.id])).toString("base64url");
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

export function decodeCursor(raw: string, sort: SavedSort): SavedKeyset {
  const parts = parse(raw);
  if (parts?.length === 3) {
    const [cursorSort, key, id] = parts;
    if (cursorSort === sort && typeof key === "string" && typeof id === "string" && UUID.test(id)) {
      if (sort === "title" && key.length <= 120) return { sort, title: key, id };
      if (sort !== "title" && ISO.test(key)) {
        const createdAt = new Date(key);
        if (!Number.isNaN(createdAt.getTime())) return { sort, createdAt, id };
      }
    }
  }
  throw new ValidationError("Invalid cursor: pass back the nextCursor of the previous page with the same sort");
}

function parse(raw: string): unknown[] | undefined {
  try {
    const value: unknown = JSON.parse(Buffer.from(raw, "base64url").toString("utf8"));
    return Array.isArray(value) ? value : undefined;
  } catch {
    return undefined;
  }
}
