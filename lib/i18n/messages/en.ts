/**
 * English, the reference dictionary: every other language is typed against
 * it. Grouped by the part of the interface a string belongs to. `{name}` is a
 * placeholder filled by t(key, { name }).
 */
export const en = {
  meta: {
    description: "A private chat with OpenAI and compatible models.",
  },
  auth: {
    signInTitle: "Sign in · Parley",
    signInHeading: "Sign in to Parley",
    setupTitle: "Set up Parley",
    setupHeading: "Welcome to Parley",
    setupIntro: "Create the first account. It will be the administrator.",
    name: "Name",
    email: "Email",
    password: "Password",
    passwordHint: "At least 8 characters.",
    signIn: "Sign in",
    signingIn: "Signing in…",
    createAccount: "Create account",
    creatingAccount: "Creating account…",
    throttled: "Too many failed sign-in attempts. Wait 15 minutes, then try again.",
    incorrect: "Incorrect email or password.",
    alreadySetUp: "Parley is already set up. Sign in with your account instead.",
    setupCode: "Setup code",
    setupCodeHint: "The code the person who deployed Parley set (the SetupCode secret).",
    setupCodeWrong: "That setup code is not right. Ask the person who deployed Parley for it.",
    setupCodeThrottled: "Too many wrong setup codes. Wait 15 minutes, then try again.",
    setupFromCli: "This Parley is not set up yet. Its operator creates the first account from the command line (npm run user -- add … --admin), then you can sign in.",
  },
  chat: {},
  sidebar: {
    brand: "Parley",
    newChat: "New chat",
    conversations: "Conversations",
    empty: "No conversations yet.",
    showMore: "Show more",
    loading: "Loading…",
    loadFailed: "Could not load more conversations.",
    signOut: "Sign out",
    groups: {
      today: "Today",
      yesterday: "Yesterday",
      previous7: "Previous 7 days",
      previous30: "Previous 30 days",
    },
    search: {
      label: "Search conversations",
      placeholder: "Search conversations",
      clear: "Clear search",
      results: "Search results",
      searching: "Searching…",
      noResults: "No conversations match “{query}”.",
      failed: "The search failed. Try again.",
      tooLong: "Search for at most {max} characters.",
    },
    actions: {
      menu: "Conversation actions",
      rename: "Rename",
      exportMarkdown: "Export as Markdown",
      exportJson: "Export as JSON",
      delete: "Delete",
    },
    rename: {
      label: "Conversation title",
      empty: "The title cannot be empty.",
      tooLong: "The title is too long (at most {max} characters).",
      failed: "The conversation could not be renamed. Try again.",
    },
    delete: {
      title: "Delete conversation?",
      body: "“{title}” and all its messages will be deleted. This cannot be undone.",
      confirm: "Delete",
      cancel: "Cancel",
      deleting: "Deleting…",
      failed: "The conversation could not be deleted. Try again.",
    },
    import: {
      label: "Import conversation",
      importing: "Importing…",
      failed: "The file could not be imported. Try again.",
      tooLarge: "The file is too large (at most {size} MB).",
      notJson: "The file is not valid JSON. Choose a JSON file exported from Parley.",
      notParley: "This is not a Parley conversation file. Choose a JSON file exported from Parley.",
      unsupportedVersion: "This file was made by a newer version of Parley (format version {version}) and cannot be read here.",
      tooManyMessages: "The file has too many messages (at most {limit}).",
      invalid: "The file is damaged or was edited: {path} is not valid ({detail}).",
    },
    markdown: {
      you: "You",
      assistant: "Assistant",
      stopped: "Stopped",
      failed: "This reply failed",
    },
    errors: {
      notFound: "This conversation does not exist.",
      badQuery: "Type 1 to {max} characters to search.",
      badFormat: "Choose the format: md (Markdown) or json.",
      badCursor: "The page cursor is not valid. Reload the list.",
      badLimit: "limit must be a whole number from 1 to 100.",
    },
  },
  settings: {},
  presets: {},
  /**
   * Replies that failed, worded in the browser from the reply's metadata:
   * t(`errors.${meta.errorCode}`, meta.errorVars). The server's English
   * wording (logs, API) comes from this same table (lib/llm/error-messages.ts).
   */
  errors: {
    not_configured:
      "No model provider is configured. Set OPENAI_API_KEY (or OPENAI_BASE_URL for an OpenAI-compatible server such as Ollama, or AZURE_OPENAI_ENDPOINT for Azure OpenAI) and restart Parley.",
    auth: "The model provider rejected Parley's API key. Check {variable}.",
    model_not_found: "The model \"{model}\" is not available from the provider. Choose another model in Settings.",
    model_not_found_unnamed: "The selected model is not available from the provider. Choose another model in Settings.",
    rate_limit: "The model provider is rate limiting requests. Wait a moment and try again.",
    rate_limit_wait: "The model provider is rate limiting requests. Try again in {seconds} seconds.",
    rate_limit_wait_one: "The model provider is rate limiting requests. Try again in a second.",
    quota: "The model provider's quota for this API key is used up. Check the account's plan and billing.",
    content_filter: "The provider's content filter blocked this request or reply.",
    content_filter_prompt: "The provider's content filter blocked this message, so there is no reply. Rephrase it and send again.",
    content_filter_reply: "The provider's content filter stopped this reply. What was written before is kept.",
    context_length: "The conversation is too long for this model. Start a new chat or choose a model with a larger context.",
    bad_request: "The model provider refused the request. Check the model settings.",
    bad_request_detail: "The model provider refused the request ({detail}).",
    provider: "The model provider had a problem answering. Try again in a moment.",
    timeout: "The model provider took too long to answer. Try again.",
    network: "Parley could not reach the model provider. Check the network or {variable}.",
    interrupted: "The connection to the model provider broke off before the reply was finished.",
    time_limit: "This reply reached the server's time limit of {minutes} minutes and ends here. What was written is kept; ask to continue.",
    not_saved: "The reply could not be saved. Copy it now if you need it, then try again.",
    unexpected: "Something went wrong while writing the reply. Try again.",
    failed: "This reply failed.",
  },
  /** Token counts and context notes under replies (components/chat). */
  usage: {
    replyTokens: "{model} · {tokens} tokens",
    conversationTotal: "{tokens} tokens in this conversation ({prompt} sent, {completion} received)",
    omitted: "Earlier messages were left out to fit the model's context window.",
    omittedCount: "{count} earlier messages were left out to fit the model's context window.",
    omittedOne: "1 earlier message was left out to fit the model's context window.",
  },
};

type Widen<T> = { [K in keyof T]: T[K] extends string ? string : Widen<T[K]> };

/** The shape every dictionary has. */
export type Messages = Widen<typeof en>;
