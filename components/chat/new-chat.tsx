"use client";

import { useEffect, useState } from "react";
import { newId } from "@/lib/chat/ids";
import { Chat } from "./chat";
import { useConversations } from "./conversations-context";

/**
 * The "/" view. Its conversation id is made in the browser when the view
 * mounts, so no cached page can hand out an id that is already in use; after
 * the first message the address bar shows /c/<id> while this view stays.
 */
export function NewChat() {
  const { newChatKey, setNewChatOpen } = useConversations();
  useEffect(() => {
    setNewChatOpen(true);
    return () => setNewChatOpen(false);
  }, [setNewChatOpen]);
  return <FreshChat key={newChatKey} />;
}

function FreshChat() {
  const [id] = useState(newId);
  return <Chat conversationId={id} title={null} initialMessages={[]} />;
}
