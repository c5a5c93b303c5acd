/**
 * Names of the resources sst.config.ts links to the server function, shared
 * by both sides so a rename cannot silently unlink one of them. Plain data
 * with no imports: sst.config.ts loads this file while deploying.
 */
export const LINKED_TABLE = "Data";

/** The private bucket that holds attachments. */
export const LINKED_BUCKET = "Files";

/** SST secret name for each environment variable it stands in for. */
export const LINKED_SECRETS = {
  OPENAI_API_KEY: "OpenAiApiKey",
  OPENAI_BASE_URL: "OpenAiBaseUrl",
  AZURE_OPENAI_ENDPOINT: "AzureOpenAiEndpoint",
  AZURE_OPENAI_API_KEY: "AzureOpenAiApiKey",
  OPENAI_API_VERSION: "OpenAiApiVersion",
  AUTH_SECRET: "AuthSecret",
  SETUP_CODE: "SetupCode",
} as const;

export type LinkedSecretVariable = keyof typeof LINKED_SECRETS;
