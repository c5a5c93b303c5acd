import { NewChat } from "@/components/chat/new-chat";
import { requirePageUser } from "@/lib/auth/session";

export default async function NewChatPage() {
  await requirePageUser("/");
  return <NewChat />;
}
