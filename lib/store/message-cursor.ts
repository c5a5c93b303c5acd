import { InvalidCursorError } from "./types";

/**
 * A page of a conversation's messages continues before the oldest message
 * shown, named by its position in the conversation (both adapters number
 * messages as they are appended).
 */
export function encodeMessageCursor(seq: number): string {
  return Buffer.from(`m${seq}`).toString("base64url");
}

export function decodeMessageCursor(cursor: string): number {
  const match = /^m([0-9]{1,15})$/.exec(Buffer.from(cursor, "base64url").toString("utf8"));
  if (!match) throw new InvalidCursorError();
  return Number(match[1]);
}
