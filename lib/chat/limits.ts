/**
 * The chat's limits, each defined once and shared by the forms in the
 * browser, the route schemas and the stores. Safe to import in the browser.
 */

/** Longest message a person can send, in characters. */
export const MAX_MESSAGE_CHARS = 32_000;
/** Longest conversation title a person can give, in characters. */
export const MAX_TITLE_CHARS = 200;
/** Longest title Parley makes up itself (from the first message, or by the model). */
export const GENERATED_TITLE_CHARS = 60;
/** Conversations per page of the list, the first page included. */
export const CONVERSATION_PAGE_SIZE = 50;
/** The largest page a client may ask for; stores clamp to it. */
export const MAX_PAGE_SIZE = 100;
/** Longest search query, in characters. */
export const MAX_SEARCH_QUERY_CHARS = 200;
/** Most conversations a search answers. */
export const SEARCH_RESULT_LIMIT = 30;
/** Messages a conversation view shows at first, and loads at a time as the reader scrolls up. */
export const MESSAGE_PAGE_SIZE = 50;
