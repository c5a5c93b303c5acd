/** Longest message a person can send, in characters (shared by form and server). */
export const MAX_MESSAGE_CHARS = 32_000;
