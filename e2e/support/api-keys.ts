import { request as httpRequest } from "node:http";
import { expect, type APIRequestContext } from "@playwright/test";
import OpenAI from "openai";
import { E2E } from "./env";

/** A fresh API key of the signed-in person behind `request` (made through the Settings API). */
export async function createApiKey(request: APIRequestContext, name: string, expiresInDays: number | null = null): Promise<{ id: string; secret: string }> {
  const response = await request.post("/api/api-keys", { data: { name, expiresInDays } });
  expect(response.status()).toBe(201);
  const body = (await response.json()) as { key: { id: string }; secret: string };
  return { id: body.key.id, secret: body.secret };
}

/** The official OpenAI client pointed at Parley, unchanged. */
export const openaiFor = (key: string) => new OpenAI({ apiKey: key, baseURL: `${E2E.appUrl}/api/v1`, maxRetries: 0, timeout: 20_000 });

export interface RawAnswer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/**
 * One HTTP exchange over a real socket from the loopback address `from`, so
 * each test plays its own client for the per-address key throttling.
 */
export function rawCall(
  from: string,
  method: string,
  path: string,
  headers: Record<string, string> = {},
  body?: string | Buffer,
): Promise<RawAnswer> {
  const { hostname, port } = new URL(E2E.appUrl);
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: hostname, port, path, method, headers, localAddress: from, agent: false }, (res) => {
      let text = "";
      res.setEncoding("utf8");
      res.on("data", (chunk) => (text += chunk));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: text }));
    });
    req.on("error", reject);
    req.end(body);
  });
}

/** A loopback address of its own for one test (127.0.0.1 is the browsers'; sign-in throttling uses 127.0.0.2–5). */
export const ownAddress = (): string => `127.${10 + Math.floor(Math.random() * 200)}.${Math.floor(Math.random() * 250)}.${1 + Math.floor(Math.random() * 250)}`;
