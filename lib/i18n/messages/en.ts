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
  sidebar: {},
  settings: {},
  presets: {},
  errors: {},
};

type Widen<T> = { [K in keyof T]: T[K] extends string ? string : Widen<T[K]> };

/** The shape every dictionary has. */
export type Messages = Widen<typeof en>;
