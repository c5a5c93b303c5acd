/** An export file (parley.conversation v1) of `count` alternating messages, a minute apart, for import. */
export function longConversationFile(count: number, now = Date.now()) {
  return {
    format: "parley.conversation",
    version: 1,
    title: "A long conversation",
    createdAt: new Date(now - count * 60_000).toISOString(),
    updatedAt: new Date(now).toISOString(),
    exportedAt: new Date(now).toISOString(),
    messages: Array.from({ length: count }, (_, i) => ({
      role: i % 2 === 0 ? "user" : "assistant",
      content: i % 2 === 0 ? `Question ${i}: what about the number ${i}?` : `The number ${i} is **interesting**, here is why:\n\n- it is ${i}\n- it is not ${i + 1}`,
      status: "complete",
      errorKind: null,
      model: i % 2 === 0 ? null : "gpt-4o-mini",
      usage: null,
      createdAt: new Date(now - (count - i) * 60_000).toISOString(),
    })),
  };
}
