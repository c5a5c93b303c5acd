import { InvalidCursorError, type Conversation } from "../types";
import { isUuid } from "@/lib/chat/ids";

interface Cursor {
  updatedAt: Date;
  id: string;
}

export function encodeCursor(c: Conversation): string {
  return Buffer.from(JSON.stringify([c.updatedAt.toISOString(), c.id])).toString("base64url");
}

export function decodeCursor(cursor: string): Cursor {
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
    if (Array.isArray(value) && value.length === 2) {
      const [at, id] = value as unknown[];
      if (typeof at === "string" && typeof id === "string" && isUuid(id)) {
        const updatedAt = new Date(at);
        if (!Number.isNaN(updatedAt.getTime())) return { updatedAt, id };
      }
    }
  } catch {
    // fall through to the uniform error below
  }
  throw new InvalidCursorError();
}
