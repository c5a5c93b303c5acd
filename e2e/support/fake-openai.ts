// The fake provider's former path, still imported by lib/chat/turn.test.ts;
// delete this file once that test imports @/test-support/fake-openai.
export * from "@/test-support/fake-openai";
