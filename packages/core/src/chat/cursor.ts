import type { ConversationCursor } from "@sous/db";
import { ValidationError } from "../errors.js";

/** Opaque keyset cursor of the conversation list: the last item's (updatedAt, id), base64url JSON. */
export function encodeCursor(cursor: ConversationCursor): string {
  return Buffer.from(JSON.stringify([cursor.updatedAt.toISOString(), cursor.id])).toString("base64url");
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function decodeCursor(raw: string): ConversationCursor {
  try {
    const [at, id] = JSON.parse(Buffer.from(raw, "base64url").toString("utf8")) as unknown[];
    const updatedAt = new Date(typeof at === "string" ? at : Number.NaN);
    if (typeof id === "string" && UUID.test(id) && !Number.isNaN(updatedAt.getTime())) return { updatedAt, id };
  } catch {
    // falls through to the error below
  }
  throw new ValidationError("Invalid cursor");
}
