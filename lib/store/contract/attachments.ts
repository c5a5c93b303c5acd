/**
 * Contract cases for messages with attachments: what the chat shows of each
 * file comes back with the message, in order, from every read and import.
 * Called from runStoreContract with the suite's store.
 */
import { randomUUID } from "node:crypto";

import { describe, expect, it } from "vitest";

import type { MessageAttachment, Store } from "../types";

export function attachmentContract(getStore: () => Store): void {
  const store = () => getStore();
  const person = () =>
    store().createUser({ email: `files-${randomUUID()}@example.com`, name: "Files", passwordHash: "hash", role: "user" });

  const files: MessageAttachment[] = [
    { id: randomUUID(), name: "whiteboard.png", mediaType: "image/png", size: 123_456 },
    { id: randomUUID(), name: "報告 (final).pdf", mediaType: "application/pdf", size: 20 * 1024 * 1024 },
  ];

  describe("message attachments", () => {
    it("keeps a message's attachments in order and gives none to a message without", async () => {
      const user = await person();
      const conversation = await store().createConversation({ userId: user.id, title: "files" });
      const sent = await store().appendMessage(user.id, {
        conversationId: conversation.id,
        role: "user",
        content: "What is on these?",
        status: "complete",
        attachments: files,
      });
      expect(sent?.attachments).toEqual(files);
      await store().appendMessage(user.id, { conversationId: conversation.id, role: "assistant", content: "A plan.", status: "complete" });
      const [asked, answered] = await store().listMessages(user.id, conversation.id);
      expect(asked!.attachments).toEqual(files);
      expect(answered!.attachments).toEqual([]);
    });

    it("imports attachments with their messages", async () => {
      const user = await person();
      const at = new Date("2026-01-02T03:04:05.678Z");
      const imported = await store().importConversation({
        userId: user.id,
        title: "imported files",
        createdAt: at,
        updatedAt: at,
        messages: [{ role: "user", content: "see", status: "complete", attachments: files.slice(0, 1), createdAt: at }],
      });
      const [message] = await store().listMessages(user.id, imported.id);
      expect(message!.attachments).toEqual(files.slice(0, 1));
    });
  });
}
