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
  errors: {},
};

type Widen<T> = { [K in keyof T]: T[K] extends string ? string : Widen<T[K]> };

/** The shape every dictionary has. */
export type Messages = Widen<typeof en>;
