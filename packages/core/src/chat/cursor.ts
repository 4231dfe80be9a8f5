import type { ConversationCursor } from "@sous/db";
import { isUuid, packCursor, unpackCursor } from "../cursor.js";
import { ValidationError } from "../errors.js";

/** Opaque keyset cursor of the conversation list: the last item's (updatedAt, id). */
export function encodeCursor(cursor: ConversationCursor): string {
  return packCursor([cursor.updatedAt.toISOString(), cursor.id]);
}

export function decodeCursor(raw: string): ConversationCursor {
  const [at, id] = unpackCursor(raw) ?? [];
  const updatedAt = new Date(typeof at === "string" ? at : Number.NaN);
  if (isUuid(id) && !Number.isNaN(updatedAt.getTime())) return { updatedAt, id };
  throw new ValidationError("Invalid cursor");
}
