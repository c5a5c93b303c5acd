import { randomUUID } from "node:crypto";
import { connection } from "next/server";
import { Chat } from "@/components/chat/chat";
import { requirePageUser } from "@/lib/auth/session";

export default async function NewChatPage() {
  await connection();
  await requirePageUser("/");
  const id = randomUUID();
  return <Chat key={id} conversationId={id} title={null} initialMessages={[]} />;
}
