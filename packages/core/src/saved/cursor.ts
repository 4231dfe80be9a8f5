import type { SavedKeyset, SavedListRecord, SavedSort } from "@sous/db";
import { isUuid, packCursor, unpackCursor } from "../cursor.js";
import { ValidationError } from "../errors.js";

/**
 * Opaque keyset cursor of `saved.list`: [sort, sort key, id] of the last row shown. The sort
 * key is the creation time (ISO, milliseconds — the column stores no more) or the title. A cursor only
 * continues the sort it came from; anything that does not decode to a valid keyset is a BAD_REQUEST.
 */
export function encodeCursor(sort: SavedSort, row: SavedListRecord): string {
  const key = sort === "title" ? row.title : row.createdAt.toISOString();
  return packCursor([sort, key, row.id]);
}

const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

export function decodeCursor(raw: string, sort: SavedSort): SavedKeyset {
  const parts = unpackCursor(raw);
  if (parts?.length === 3) {
    const [cursorSort, key, id] = parts;
    if (cursorSort === sort && typeof key === "string" && isUuid(id)) {
      if (sort === "title" && key.length <= 120) return { sort, title: key, id };
      if (sort !== "title" && ISO.test(key)) {
        const createdAt = new Date(key);
        if (!Number.isNaN(createdAt.getTime())) return { sort, createdAt, id };
      }
    }
  }
  throw new ValidationError("Invalid cursor: pass back the nextCursor of the previous page with the same sort");
}
