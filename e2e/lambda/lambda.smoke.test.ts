import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApiKey } from "@/lib/api/keys";
import { createAccount } from "@/lib/auth/accounts";
import sharp from "sharp";
import { startS3Emulator, type S3Emulator } from "@/lib/blobs/emulator";
import { FORWARDED_AUTHORIZATION_HEADER } from "@/lib/config/forwarded-authorization";
import { LINKED_BUCKET, LINKED_SECRETS, LINKED_TABLE } from "@/lib/config/linked-resource-names";
import { VIEWER_ADDRESS_HEADER } from "@/lib/config/viewer-address";
import { openDynamoStore } from "@/lib/store/dynamo/open";
import { startEmulator, type Emulator } from "@/lib/store/dynamo/emulator";
import type { Store, User } from "@/lib/store/types";
import { startFakeOpenAI, type FakeOpenAI } from "@/test-support/fake-openai";
import { CookieJar, functionUrlEvent, type HttpRequest } from "./events";
import { loadHandler, type Invoke } from "./runtime";

/**
 * The AWS build end to end, without AWS: the OpenNext server function is
 * imported as Lambda would import it and driven with Function URL events;
 * its SST links arrive as SST_RESOURCE_* variables, DynamoDB is dynalite in
 * this process and OpenAI is the fake server. Build first with
 * `npm run build:lambda` (npm run test:lambda does both).
 */

const HANDLER = path.resolve(".open-next/server-functions/default/index.mjs");
const TABLE = "parley-smoke";
const PASSWORD = "correct horse battery staple";

let dynamo: Emulator;
let s3: S3Emulator;
let fake: FakeOpenAI;
let store: Store;
let invoke: Invoke;
let alice: User;
let dataDir: string;

beforeAll(async () => {
  if (!existsSync(HANDLER)) {
    throw new Error(`${HANDLER} is missing: run \`npm run build:lambda\` first (or \`npm run test:lambda\`).`);
  }
  dynamo = await startEmulator(TABLE);
  s3 = await startS3Emulator("parley-smoke-files");
  fake = await startFakeOpenAI();

  // What SST sets on the deployed function, plus the SDK's standard
  // variables pointing DynamoDB at the emulator.
  dataDir = mkdtempSync(path.join(tmpdir(), "parley-lambda-"));
  const secrets: Record<string, string> = {
    AUTH_SECRET: "smoke-test-auth-secret-0123456789abcdef",
    OPENAI_API_KEY: "sk-test",
    OPENAI_BASE_URL: fake.url,
  };
  Object.assign(process.env, {
    SST_RESOURCE_App: JSON.stringify({ name: "parley", stage: "smoke" }),
    [`SST_RESOURCE_${LINKED_TABLE}`]: JSON.stringify({ name: TABLE, type: "sst.aws.Dynamo" }),
    [`SST_RESOURCE_${LINKED_BUCKET}`]: JSON.stringify({ name: s3.bucket, type: "sst.aws.Bucket" }),
    ...Object.fromEntries(
      Object.entries(LINKED_SECRETS).map(([variable, name]) => [
        `SST_RESOURCE_${name}`,
        // Unset optional secrets keep their empty placeholder, as deployed.
        JSON.stringify({ value: secrets[variable] ?? "", type: "sst.sst.Secret" }),
      ]),
    ),
    AWS_ENDPOINT_URL_DYNAMODB: dynamo.endpoint,
    AWS_ENDPOINT_URL_S3: s3.endpoint,
    AWS_REGION: "us-east-1",
    // The S3 emulator knows only its own key; dynalite takes any.
    AWS_ACCESS_KEY_ID: s3.credentials.accessKeyId,
    AWS_SECRET_ACCESS_KEY: s3.credentials.secretAccessKey,
    AWS_LAMBDA_FUNCTION_NAME: "parley-smoke-server",
    // What sst.config.ts sets beside the links.
    CLIENT_ADDRESS_HEADER: VIEWER_ADDRESS_HEADER,
    TRUSTED_PROXY_HOPS: "",
    // Nothing may fall back to the SQL engines or the local data directory.
    DATABASE_URL: "",
    DYNAMODB_TABLE: "",
    AUTH_SECRET: "",
    OPENAI_API_KEY: "",
    OPENAI_BASE_URL: "",
    DATA_DIR: dataDir,
    PROVIDER_TIMEOUT_MS: "10000",
  });

  store = await openDynamoStore({ tableName: TABLE, client: dynamo.client });
  alice = await createAccount(store, { name: "Alice", email: "alice@example.com", password: PASSWORD }, "admin");

  invoke = await loadHandler(HANDLER);
});

afterAll(async () => {
  await store?.close();
  await fake?.close();
  await dynamo?.stop();
  await s3?.stop();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

/** One invocation, read to the end; keeps cookies in `jar` when given. */
async function request(req: HttpRequest) {
  const { response, done } = invoke(functionUrlEvent(req));
  await done;
  const prelude = response.prelude;
  if (!prelude) throw new Error(`${req.method} ${req.path}: the function wrote no response prelude.`);
  req.jar?.store(prelude.cookies ?? []);
  return { status: prelude.statusCode, headers: prelude.headers, text: response.text };
}

describe("request ids", () => {
  it("are the invocation's Lambda request id, in the response's header and in an error's body", async () => {
    const awsRequestId = crypto.randomUUID();
    const { response, done } = invoke(functionUrlEvent({ method: "GET", path: "/api/conversations", headers: { "x-request-id": "chosen-by-client" } }), {
      awsRequestId,
    });
    await done;
    expect(response.prelude?.statusCode).toBe(401);
    expect(response.prelude?.headers["x-request-id"]).toBe(awsRequestId);
    expect((JSON.parse(response.text) as { error: { requestId: string } }).error.requestId).toBe(awsRequestId);
  });
});

function serverChunks(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith(".js"))
    .map((entry) => path.join(entry.parentPath, entry.name));
}

/** One attempt through Auth.js's credentials callback; the redirect tells how it went. */
async function attemptSignIn(email: string, password: string, headers: Record<string, string>): Promise<"signed-in" | "incorrect" | "throttled"> {
  const jar = new CookieJar();
  const csrf = await request({ method: "GET", path: "/api/auth/csrf", headers, jar });
  const { csrfToken } = JSON.parse(csrf.text) as { csrfToken: string };
  const callback = await request({
    method: "POST",
    path: "/api/auth/callback/credentials",
    headers: { ...headers, "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ csrfToken, email, password, callbackUrl: "/" }).toString(),
    jar,
  });
  expect(callback.status).toBe(302);
  if (jar.names().some((name) => name.endsWith("authjs.session-token"))) return "signed-in";
  return new URL(callback.headers.location, "https://parley.example.com").searchParams.get("code") === "throttled" ? "throttled" : "incorrect";
}

async function signIn(jar: CookieJar): Promise<void> {
  const csrf = await request({ method: "GET", path: "/api/auth/csrf", jar });
  expect(csrf.status).toBe(200);
  const { csrfToken } = JSON.parse(csrf.text) as { csrfToken: string };
  const callback = await request({
    method: "POST",
    path: "/api/auth/callback/credentials",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ csrfToken, email: "alice@example.com", password: PASSWORD, callbackUrl: "/" }).toString(),
    jar,
  });
  expect(callback.status).toBe(302);
  expect(callback.headers.location).not.toMatch(/error/);
  expect(jar.names().some((name) => name.endsWith("authjs.session-token"))).toBe(true);
}

describe("the Lambda server function (OpenNext build, DynamoDB, streaming)", () => {
  it("carries neither PGlite nor pg (PARLEY_TARGET=aws)", () => {
    const dir = path.dirname(HANDLER);
    expect(existsSync(path.join(dir, "node_modules/@electric-sql"))).toBe(false);
    expect(existsSync(path.join(dir, "node_modules/pg"))).toBe(false);
    expect(existsSync(path.join(dir, "drizzle"))).toBe(false);
    // A local build refers to both from its server chunks (as externals).
    const referring = serverChunks(path.join(dir, ".next/server")).filter((file) =>
      // How a server chunk loads an external: y("pg-<hash>") / require("pg");
      // a bare "pg" string also occurs in the tokenizer's vocabulary.
      /@electric-sql\/pglite|\.y\("pg[-"]|require\("pg"\)|\[externals\]_pg_|pg-protocol/.test(readFileSync(file, "utf8")),
    );
    expect(referring).toEqual([]);
  });

  it("renders the sign-in page", async () => {
    const page = await request({ method: "GET", path: "/sign-in" });
    expect(page.status).toBe(200);
    expect(page.headers["content-type"]).toMatch(/text\/html/);
    expect(page.text).toMatch(/<button[^>]*type="submit"[^>]*>\s*Sign in\s*</);
  });

  it("sends the security headers from the app itself, a fresh nonce policy on each page", async () => {
    const first = await request({ method: "GET", path: "/sign-in" });
    const second = await request({ method: "GET", path: "/sign-in" });
    const policy = first.headers["content-security-policy"];
    expect(policy).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/]{22}==' 'strict-dynamic'/);
    expect(policy).toContain("frame-ancestors 'none'");
    expect(policy).toContain("object-src 'none'");
    expect(policy).not.toContain("unsafe-eval");
    const nonce = /'nonce-([^']+)'/.exec(policy)![1];
    expect(first.text).toContain(`nonce="${nonce}"`);
    expect(second.headers["content-security-policy"]).not.toContain(nonce);

    const health = await request({ method: "GET", path: "/api/health" });
    for (const response of [first, health]) {
      expect(response.headers["x-content-type-options"]).toBe("nosniff");
      expect(response.headers["referrer-policy"]).toBe("strict-origin-when-cross-origin");
      expect(response.headers["permissions-policy"]).toContain("camera=()");
      expect(response.headers["strict-transport-security"]).toMatch(/^max-age=\d+/);
    }
  });

  it("answers an unauthenticated chat request with 401 JSON", async () => {
    const response = await request({
      method: "POST",
      path: "/api/chat",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ trigger: "submit", conversationId: crypto.randomUUID(), turnId: crypto.randomUUID(), text: "hi" }),
    });
    expect(response.status).toBe(401);
    expect(response.headers["content-type"]).toMatch(/application\/json/);
    expect(JSON.parse(response.text)).toEqual({
      error: { code: "unauthenticated", message: expect.any(String), requestId: response.headers["x-request-id"] },
    });
  });

  it("throttles sign-in by the address CloudFront saw, whatever X-Forwarded-For the client sent", async () => {
    const viewer = "192.0.2.77";
    const outcomes = [];
    for (let i = 0; i < 25; i++) {
      // Every entry of X-Forwarded-For is the client's choice here, even the
      // last, which a proxy-counting reader would have believed.
      const claimed = `198.51.100.${i + 1}`;
      outcomes.push(
        await attemptSignIn(`nobody-${i}@example.com`, "wrong-password", {
          "x-forwarded-for": claimed,
          [VIEWER_ADDRESS_HEADER]: viewer,
        }),
      );
    }
    expect(outcomes.slice(0, 20)).toEqual(Array(20).fill("incorrect"));
    expect(outcomes.slice(20)).toEqual(Array(5).fill("throttled"));
    // The owner, elsewhere, is not held back by it.
    expect(await attemptSignIn("alice@example.com", PASSWORD, { "x-forwarded-for": viewer, [VIEWER_ADDRESS_HEADER]: "192.0.2.78" })).toBe(
      "signed-in",
    );
  });

  it("streams a reply chunk by chunk and stores it in DynamoDB", async () => {
    const jar = new CookieJar();
    await signIn(jar);

    const chunks = ["Clouds ", "are ", "made ", "of ", "water."];
    // The fake holds the reply after two chunks until released: if the
    // function buffered, the test would see nothing before the release.
    fake.script("lambda-smoke", { chunks, delayMs: 5, holdAfter: 2 });
    const conversationId = crypto.randomUUID();
    const { response, done } = invoke(
      functionUrlEvent({
        method: "POST",
        path: "/api/chat",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ trigger: "submit", conversationId, turnId: crypto.randomUUID(), text: "lambda-smoke: what are clouds?" }),
        jar,
      }),
    );

    await response.waitFor((text) => text.includes('"delta":"are "'), "the first two chunks");
    expect(response.prelude?.statusCode).toBe(200);
    expect(response.prelude?.headers["content-type"]).toMatch(/text\/event-stream/);
    expect(response.text).not.toContain('"delta":"made "');
    const beforeRelease = response.chunks.length;

    fake.release("lambda-smoke");
    await done;
    const deltas = [...response.text.matchAll(/"delta":"([^"]*)"/g)].map((match) => match[1]);
    expect(deltas).toEqual(chunks);
    expect(response.chunks.length).toBeGreaterThan(beforeRelease);
    expect(response.text).toContain('"type":"finish"');

    const messages = await store.listMessages(alice.id, conversationId);
    expect(messages.map((m) => [m.role, m.content, m.status])).toEqual([
      ["user", "lambda-smoke: what are clouds?", "complete"],
      ["assistant", chunks.join(""), "complete"],
    ]);
  });
  it("follows a reply being written from another invocation, reading it from DynamoDB, until it ends", async () => {
    const jar = new CookieJar();
    await signIn(jar);
    fake.script("lambda-follow", { chunks: ["Rain ", "falls ", "down."], holdAfter: 1 });
    const conversationId = crypto.randomUUID();
    const turnId = crypto.randomUUID();
    const writer = invoke(
      functionUrlEvent({
        method: "POST",
        path: "/api/chat",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ trigger: "submit", conversationId, turnId, text: "lambda-follow: what does rain do?" }),
        jar,
      }),
    );
    await writer.response.waitFor((text) => text.includes('"delta":"Rain "'), "the first chunk");

    // Another invocation (on AWS, possibly another instance) knows the reply only from the store.
    const follower = invoke(functionUrlEvent({ method: "GET", path: `/api/conversations/${conversationId}/stream`, jar }));
    await follower.response.waitFor((text) => text.includes('"delta":"Rain "'), "the text saved so far");
    expect(follower.response.prelude?.statusCode).toBe(200);
    // It names the turn, so Stop works from there.
    expect(follower.response.text).toContain(`"turnId":"${turnId}"`);

    fake.release("lambda-follow");
    await Promise.all([writer.done, follower.done]);
    const followed = [...follower.response.text.matchAll(/"delta":"([^"]*)"/g)].map((match) => match[1]).join("");
    expect(followed).toBe("Rain falls down.");
    expect(follower.response.text).toContain('"status":"complete"');
    expect(follower.response.text).toContain('"type":"finish"');
  });

  it("streams an /api/v1 reply to a Bearer key, chunk by chunk, and keeps it in DynamoDB", async () => {
    const { secret } = await createApiKey(store, alice.id, { name: "Lambda bot" });
    const chunks = ["Rain ", "falls ", "from ", "clouds."];
    fake.script("lambda-api", { chunks, delayMs: 5, holdAfter: 2 });
    const { response, done } = invoke(
      functionUrlEvent({
        method: "POST",
        path: "/api/v1/chat/completions",
        headers: { authorization: `Bearer ${secret}`, "content-type": "application/json", "x-parley-conversation": "new" },
        body: JSON.stringify({ messages: [{ role: "user", content: "lambda-api: why does it rain?" }], stream: true, stream_options: { include_usage: true } }),
      }),
    );

    await response.waitFor((text) => text.includes('"content":"falls "'), "the first two chunks");
    expect(response.prelude?.statusCode).toBe(200);
    expect(response.prelude?.headers["content-type"]).toMatch(/text\/event-stream/);
    expect(response.text).not.toContain('"content":"from "');
    const conversationId = response.prelude?.headers["x-parley-conversation"];
    expect(conversationId).toMatch(/^[0-9a-f-]{36}$/);

    fake.release("lambda-api");
    await done;
    const contents = [...response.text.matchAll(/"content":"([^"]*)"/g)].map((match) => match[1]).filter(Boolean);
    expect(contents).toEqual(chunks);
    expect(response.text.trimEnd().endsWith("data: [DONE]")).toBe(true);
    expect(response.text).toMatch(/"choices":\[\],"usage":\{"prompt_tokens":\d+/);

    const messages = await store.listMessages(alice.id, conversationId!);
    expect(messages.map((m) => [m.role, m.content, m.status])).toEqual([
      ["user", "lambda-api: why does it rain?", "complete"],
      ["assistant", chunks.join(""), "complete"],
    ]);

    // A GET's key arrives as the viewer-request function's copy (CloudFront drops Authorization from GETs).
    const listed = await request({ method: "GET", path: "/api/v1/models", headers: { [FORWARDED_AUTHORIZATION_HEADER]: `Bearer ${secret}` } });
    expect(listed.status).toBe(200);
    expect(JSON.parse(listed.text).object).toBe("list");

    // A wrong key is refused in OpenAI's shape.
    const refused = await request({ method: "GET", path: "/api/v1/models", headers: { authorization: "Bearer pk_wrong" } });
    expect(refused.status).toBe(401);
    expect(JSON.parse(refused.text).error).toMatchObject({ type: "authentication_error", code: "api_key_invalid" });
  });

  it("takes an image uploaded straight to the bucket with a presigned URL and sends it to the model", async () => {
    const jar = new CookieJar();
    await signIn(jar);
    const image = await sharp({ create: { width: 2600, height: 1300, channels: 3, background: "#3366aa" } }).png().toBuffer();

    const created = await request({
      method: "POST",
      path: "/api/attachments",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ name: "sky.png", type: "image/png", size: image.byteLength }),
      jar,
    });
    expect(created.status).toBe(201);
    const ticket = JSON.parse(created.text) as { attachment: { id: string }; upload: { url: string; method: string; headers: Record<string, string> } };
    // The bytes go to S3, not through the function.
    expect(ticket.upload.url.startsWith(`${s3.endpoint}/${s3.bucket}/`)).toBe(true);
    const put = await fetch(ticket.upload.url, { method: ticket.upload.method, headers: ticket.upload.headers, body: image });
    expect(put.status).toBe(200);

    const id = ticket.attachment.id;
    const completed = await request({ method: "POST", path: `/api/attachments/${id}/complete`, headers: { "content-type": "application/json" }, body: "{}", jar });
    expect(completed.status).toBe(200);
    expect(JSON.parse(completed.text)).toEqual({ attachment: { id, name: "sky.png", mediaType: "image/png", size: image.byteLength } });

    fake.script("lambda-image", { chunks: ["A blue sky."] });
    const conversationId = crypto.randomUUID();
    const chat = await request({
      method: "POST",
      path: "/api/chat",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ trigger: "submit", conversationId, turnId: crypto.randomUUID(), text: "lambda-image: what is this?", attachmentIds: [id] }),
      jar,
    });
    expect(chat.status).toBe(200);
    const sent = fake.requests().find((r) => JSON.stringify(r.body).includes("lambda-image: what is this?"))!;
    const user = (sent.body as { messages: { role: string; content: unknown }[] }).messages.at(-1)!;
    const parts = user.content as { type: string; image_url?: { url: string } }[];
    const url = parts.find((p) => p.type === "image_url")!.image_url!.url;
    expect(await sharp(Buffer.from(url.split(",")[1]!, "base64")).metadata()).toMatchObject({ width: 2048, height: 1024 });
    const [stored] = await store.listMessages(alice.id, conversationId);
    expect(stored!.attachments).toEqual([{ id, name: "sky.png", mediaType: "image/png", size: image.byteLength }]);

    // Reading it back: a short-lived presigned URL, for the owner only.
    const read = await request({ method: "GET", path: `/api/attachments/${id}`, jar });
    expect(read.status).toBe(302);
    const download = await fetch(read.headers.location!);
    expect(download.status).toBe(200);
    expect(Buffer.from(await download.arrayBuffer()).equals(image)).toBe(true);
    expect((await request({ method: "GET", path: `/api/attachments/${id}` })).status).toBe(401);
  });
});
