import { InvalidCursorError } from "../types";
import { isUuid } from "@/lib/chat/ids";

/**
 * A conversation-list cursor: the (activity, id) of the last conversation
 * shown, as base64url JSON. The next page is a key range below it on the
 * activity index, so the cursor stays valid whatever happens to that
 * conversation meanwhile, and it can only ever select the caller's own
 * conversations (the range is always within their index partition).
 */
export interface Cursor {
  updatedAt: string;
  id: string;
}

export const encodeCursor = (cursor: Cursor): string =>
  Buffer.from(JSON.stringify([cursor.updatedAt, cursor.id])).toString("base64url");

export function decodeCursor(cursor: string): Cursor {
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
    if (Array.isArray(value) && value.length === 2) {
      const [updatedAt, id] = value as unknown[];
      // Only exactly the form encodeCursor writes: the key range is built from it.
      if (typeof updatedAt === "string" && typeof id === "string" && isUuid(id) && id === id.toLowerCase()) {
        const at = new Date(updatedAt);
        if (!Number.isNaN(at.getTime()) && at.toISOString() === updatedAt) return { updatedAt, id };
      }
    }
  } catch {
    // fall through to the uniform error below
  }
  throw new InvalidCursorError();
}
