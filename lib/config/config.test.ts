import { describe, expect, it } from "vitest";
import { readConfig } from "./index";
import { readLinkedValues, type LinkLookup } from "./linked-values";

/** Links as SST's Resource shows them: { name } for the table, { value } for secrets. */
function links(resources: Record<string, unknown>): LinkLookup {
  return (name) => resources[name];
}

describe("SST links", () => {
  it("are all absent outside SST", () => {
    expect(readLinkedValues(links({}))).toEqual({ env: {} });
  });

  it("give the table name and the secrets that have a value", () => {
    const linked = readLinkedValues(
      links({
        Data: { name: "parley-prod-DataTable-abc", type: "sst.aws.Dynamo" },
        OpenAiApiKey: { value: " sk-live ", type: "sst.sst.Secret" },
        OpenAiBaseUrl: { value: "", type: "sst.sst.Secret" },
        AuthSecret: { value: "s3cret" },
      }),
    );
    expect(linked).toEqual({ tableName: "parley-prod-DataTable-abc", env: { OPENAI_API_KEY: "sk-live", AUTH_SECRET: "s3cret" } });
  });

  it("refuse a link of the wrong shape, naming it", () => {
    expect(() => readLinkedValues(links({ Data: { arn: "x" } }))).toThrow(/"Data"/);
    expect(() => readLinkedValues(links({ AuthSecret: "plain" }))).toThrow(/"AuthSecret"/);
  });
});

describe("readConfig", () => {
  it("defaults to the embedded database", () => {
    const config = readConfig({ DATA_DIR: "/tmp/parley-data" });
    expect(config.store).toEqual({ engine: "pglite", dataDir: "/tmp/parley-data" });
    expect(config.authSecret).toBeUndefined();
  });

  it("finds the client's address on the socket unless told of proxies or a proxy's header", () => {
    expect(readConfig({}).clientAddress).toEqual({ from: "socket" });
    expect(readConfig({ TRUSTED_PROXY_HOPS: "0" }).clientAddress).toEqual({ from: "socket" });
    expect(readConfig({ TRUSTED_PROXY_HOPS: "2" }).clientAddress).toEqual({ from: "forwarded-for", hops: 2 });
    expect(readConfig({ TRUSTED_PROXY_HOPS: "1", CLIENT_ADDRESS_HEADER: "X-Real-IP" }).clientAddress).toEqual({ from: "header", name: "x-real-ip" });
    expect(() => readConfig({ CLIENT_ADDRESS_HEADER: "X Real IP" })).toThrow(/CLIENT_ADDRESS_HEADER/);
  });

  it("allows API calls from the browser origins API_ALLOWED_ORIGINS lists, and none by default", () => {
    expect(readConfig({}).apiAllowedOrigins).toEqual([]);
    expect(readConfig({ API_ALLOWED_ORIGINS: "https://app.example.com, http://localhost:5173,https://app.example.com" }).apiAllowedOrigins).toEqual([
      "https://app.example.com",
      "http://localhost:5173",
    ]);
    expect(readConfig({ API_ALLOWED_ORIGINS: "*" }).apiAllowedOrigins).toEqual(["*"]);
    expect(() => readConfig({ API_ALLOWED_ORIGINS: "https://app.example.com/" })).toThrow(/API_ALLOWED_ORIGINS: "https:\/\/app.example.com\/" is not an origin/);
    expect(() => readConfig({ API_ALLOWED_ORIGINS: "app.example.com" })).toThrow(/API_ALLOWED_ORIGINS/);
  });

  it("uses Postgres for DATABASE_URL", () => {
    expect(readConfig({ DATABASE_URL: "postgres://u:p@db/parley" }).store).toEqual({ engine: "postgres", url: "postgres://u:p@db/parley" });
  });

  it("prefers a table (variable or link) to DATABASE_URL", () => {
    const env = { DATABASE_URL: "postgres://u:p@db/parley", AUTH_SECRET: "s" };
    expect(readConfig({ ...env, DYNAMODB_TABLE: "parley" }).store).toEqual({ engine: "dynamo", tableName: "parley" });
    expect(readConfig(env, { tableName: "linked", env: {} }).store).toEqual({ engine: "dynamo", tableName: "linked" });
  });

  it("lets a linked table and secrets win over the variables", () => {
    const config = readConfig(
      { DYNAMODB_TABLE: "from-env", OPENAI_API_KEY: "env-key", AUTH_SECRET: "env-secret" },
      { tableName: "linked", env: { OPENAI_API_KEY: "linked-key", AUTH_SECRET: "linked-secret" } },
    );
    expect(config.store).toEqual({ engine: "dynamo", tableName: "linked" });
    expect(config.provider).toEqual({ kind: "openai", apiKey: "linked-key", baseURL: undefined });
    expect(config.authSecret).toBe("linked-secret");
  });

  it("takes the setup code from its linked secret, and knows a table means a public deployment", () => {
    const config = readConfig({}, readLinkedValues(links({ Data: { name: "parley" }, AuthSecret: { value: "s" }, SetupCode: { value: "open-sesame-1234" } })));
    expect(config.setupCode).toBe("open-sesame-1234");
    expect(config.dynamoTable).toBe("parley");
    expect(readConfig({}).dynamoTable).toBeUndefined();
  });

  it("takes an Azure provider from linked secrets", () => {
    const config = readConfig(
      {},
      {
        env: {
          AZURE_OPENAI_ENDPOINT: "https://example.openai.azure.com",
          AZURE_OPENAI_API_KEY: "azure-key",
          OPENAI_API_VERSION: "2025-01-01-preview",
        },
      },
    );
    expect(config.provider).toEqual({
      kind: "azure",
      endpoint: "https://example.openai.azure.com",
      apiKey: "azure-key",
      apiVersion: "2025-01-01-preview",
      deployments: [],
    });
  });

  it("validates linked values like variables", () => {
    expect(() => readConfig({}, { env: { OPENAI_BASE_URL: "not a url" } })).toThrow(/OPENAI_BASE_URL must be a URL/);
    expect(() => readConfig({ DYNAMODB_TABLE: "a b", AUTH_SECRET: "s" })).toThrow(/DYNAMODB_TABLE/);
  });

  it("requires AUTH_SECRET with DynamoDB, which has no data directory to keep one", () => {
    expect(() => readConfig({ DYNAMODB_TABLE: "parley" })).toThrow(/AUTH_SECRET is required with DynamoDB.*sst secret set AuthSecret/);
    expect(() => readConfig({}, { tableName: "parley", env: {} })).toThrow(/AUTH_SECRET is required/);
  });
});
describe("provider configuration", () => {
  it("reads OpenAI, a compatible server, and Azure with its deployments", () => {
    expect(readConfig({ OPENAI_API_KEY: "sk" }).provider).toEqual({ kind: "openai", apiKey: "sk", baseURL: undefined });
    expect(readConfig({ OPENAI_BASE_URL: "http://localhost:11434/v1" }).provider).toEqual({
      kind: "openai",
      apiKey: "not-needed",
      baseURL: "http://localhost:11434/v1",
    });
    expect(
      readConfig({
        AZURE_OPENAI_ENDPOINT: "https://example.openai.azure.com",
        AZURE_OPENAI_API_KEY: "az",
        OPENAI_API_VERSION: "2025-01-01-preview",
        AZURE_OPENAI_DEPLOYMENTS: " chat-4o, mini ,, chat-4o ",
      }).provider,
    ).toEqual({
      kind: "azure",
      endpoint: "https://example.openai.azure.com",
      apiKey: "az",
      apiVersion: "2025-01-01-preview",
      deployments: ["chat-4o", "mini"],
    });
    expect(readConfig({ AZURE_OPENAI_ENDPOINT: "https://x.openai.azure.com", AZURE_OPENAI_API_KEY: "az" }).provider).toMatchObject({
      apiVersion: "2024-10-21",
      deployments: [],
    });
    expect(readConfig({}).provider).toBeNull();
  });

  it("reads context windows and the title model", () => {
    const config = readConfig({ CONTEXT_WINDOW: "32768", MODEL_CONTEXT_WINDOWS: "llama3=8192, Qwen=32768,llama3.1=131072", TITLE_MODEL: "gpt-4.1-nano" });
    expect(config.contextWindows).toEqual({
      default: 32_768,
      byModel: [
        { prefix: "llama3", tokens: 8_192 },
        { prefix: "qwen", tokens: 32_768 },
        { prefix: "llama3.1", tokens: 131_072 },
      ],
    });
    expect(config.titleModel).toBe("gpt-4.1-nano");
    expect(readConfig({}).contextWindows).toEqual({ default: undefined, byModel: [] });
  });

  it("refuses malformed windows loudly", () => {
    expect(() => readConfig({ CONTEXT_WINDOW: "big" })).toThrow(/CONTEXT_WINDOW/);
    expect(() => readConfig({ CONTEXT_WINDOW: "100" })).toThrow(/at least 1024/);
    expect(() => readConfig({ MODEL_CONTEXT_WINDOWS: "llama3:8192" })).toThrow(/MODEL_CONTEXT_WINDOWS/);
    expect(() => readConfig({ MODEL_CONTEXT_WINDOWS: "=8192" })).toThrow(/MODEL_CONTEXT_WINDOWS/);
  });
  it("gives running replies 10 s to finish on shutdown unless told otherwise", () => {
    expect(readConfig({}).shutdownGraceMs).toBe(10_000);
    expect(readConfig({ SHUTDOWN_GRACE_MS: "25000" }).shutdownGraceMs).toBe(25_000);
    expect(readConfig({ SHUTDOWN_GRACE_MS: "0" }).shutdownGraceMs).toBe(0);
    expect(() => readConfig({ SHUTDOWN_GRACE_MS: "soon" })).toThrow(/SHUTDOWN_GRACE_MS/);
    expect(() => readConfig({ SHUTDOWN_GRACE_MS: "-1" })).toThrow(/SHUTDOWN_GRACE_MS/);
  });
});

describe("reasoning model configuration", () => {
  it("reads OPENAI_API_STYLE and MODEL_CAPABILITIES onto the provider", () => {
    const provider = readConfig({ OPENAI_API_KEY: "sk", OPENAI_API_STYLE: "chat", MODEL_CAPABILITIES: '{"Mine": "o"}' }).provider;
    expect(provider).toMatchObject({ kind: "openai", apiStyle: "chat", capabilityOverrides: [{ prefix: "mine", capabilities: { sampling: false } }] });
  });

  it("refuses an unknown API style or an unreadable MODEL_CAPABILITIES at start", () => {
    expect(() => readConfig({ OPENAI_API_KEY: "sk", OPENAI_API_STYLE: "assistants" })).toThrow(/OPENAI_API_STYLE must be "responses" or "chat"/);
    expect(() => readConfig({ OPENAI_API_KEY: "sk", MODEL_CAPABILITIES: "{" })).toThrow(/MODEL_CAPABILITIES: not JSON/);
  });
});

describe("limits and prices", () => {
  it("are unlimited by default, except three replies at once", () => {
    expect(readConfig({}).limits).toEqual({ tokensPerDay: null, repliesPerHour: null, repliesAtOnce: 3 });
  });

  it("read LIMIT_* as whole numbers, or none", () => {
    const config = readConfig({ LIMIT_TOKENS_PER_DAY: "50000", LIMIT_REPLIES_PER_HOUR: " 20 ", LIMIT_REPLIES_AT_ONCE: "none" });
    expect(config.limits).toEqual({ tokensPerDay: 50_000, repliesPerHour: 20, repliesAtOnce: null });
    expect(() => readConfig({ LIMIT_TOKENS_PER_DAY: "lots" })).toThrow(/LIMIT_TOKENS_PER_DAY must be a whole number/);
    expect(() => readConfig({ LIMIT_REPLIES_PER_HOUR: "-1" })).toThrow(/LIMIT_REPLIES_PER_HOUR/);
    expect(() => readConfig({ LIMIT_REPLIES_AT_ONCE: "1.5" })).toThrow(/LIMIT_REPLIES_AT_ONCE/);
    // None at once would refuse every reply.
    expect(() => readConfig({ LIMIT_REPLIES_AT_ONCE: "0" })).toThrow(/LIMIT_REPLIES_AT_ONCE must be a whole number of at least 1/);
  });

  it("apply MODEL_PRICES over the built-in prices", () => {
    const prices = readConfig({ MODEL_PRICES: '{"llama3": {"input": 0.1, "output": 0.2}}' }).modelPrices;
    expect(prices).toContainEqual({ prefix: "llama3", input: 0.1, output: 0.2 });
    expect(prices).toContainEqual({ prefix: "gpt-4o-mini", input: 0.15, output: 0.6 });
    expect(() => readConfig({ MODEL_PRICES: "{" })).toThrow(/MODEL_PRICES/);
  });
});

describe("attachments' storage", () => {
  it("is DATA_DIR/files unless a bucket is linked or named", () => {
    expect(readConfig({ DATA_DIR: "/srv/parley" }).blobs).toEqual({ engine: "files", dir: "/srv/parley/files" });
    expect(readConfig({ S3_BUCKET: "my-files" }).blobs).toEqual({ engine: "s3", bucket: "my-files" });
    expect(readConfig({ S3_BUCKET: "my-files" }, { bucketName: "linked-files", env: {} }).blobs).toEqual({ engine: "s3", bucket: "linked-files" });
    expect(() => readConfig({ S3_BUCKET: "Not_A_Bucket" })).toThrow(/S3_BUCKET must be an S3 bucket name/);
  });

  it("reads the linked bucket's name", () => {
    expect(readLinkedValues((name) => (name === "Files" ? { name: "parley-prod-files-abc" } : undefined))).toEqual({
      bucketName: "parley-prod-files-abc",
      env: {},
    });
  });

  it("takes VISION_MODELS as lower-cased prefixes", () => {
    expect(readConfig({ VISION_MODELS: "LLaVA, qwen2.5-vl" }).visionModels).toEqual(["llava", "qwen2.5-vl"]);
    expect(readConfig({}).visionModels).toEqual([]);
  });
});
