/** The HTTP server: routes OpenAI's and Azure's URLs and the control API, and owns the sockets. */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo, Socket } from "node:net";

import { handleCompletions } from "./completions";
import { handleControl } from "./control";
import { sendError, sendJson, type Json } from "./http";
import { FakeState } from "./state";
import type { FakeOpenAI, PurposeFilter, StartFakeOpenAIOptions } from "./types";

function modelObject(id: string): Json {
  return { id, object: "model", created: 1_700_000_000, owned_by: "fake" };
}

export async function startFakeOpenAI(options: StartFakeOpenAIOptions = {}): Promise<FakeOpenAI> {
  const state = new FakeState(options.models);
  const sockets = new Set<Socket>();

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    const path = url.pathname.replace(/\/+$/, "");
    const method = req.method ?? "GET";

    if (path.startsWith("/__fake/")) {
      await handleControl(state, req, res, url);
      return;
    }
    // OpenAI's paths, also under Azure's v1 API (/openai/v1/…).
    if (method === "POST" && (path === "/v1/chat/completions" || path === "/openai/v1/chat/completions")) {
      await handleCompletions(state, options.onRequest, req, res, url, undefined);
      return;
    }
    if (method === "POST" && (path === "/v1/responses" || path === "/openai/v1/responses" || path === "/openai/responses")) {
      await handleCompletions(state, options.onRequest, req, res, url, undefined, "responses");
      return;
    }
    const azure = /^\/openai\/deployments\/([^/]+)\/chat\/completions$/.exec(path);
    if (method === "POST" && azure) {
      await handleCompletions(state, options.onRequest, req, res, url, decodeURIComponent(azure[1]));
      return;
    }
    if (method === "GET" && (path === "/v1/models" || path === "/openai/models")) {
      sendJson(res, 200, { object: "list", data: state.models.map(modelObject) });
      return;
    }
    const modelMatch = /^\/v1\/models\/(.+)$/.exec(path);
    if (method === "GET" && modelMatch) {
      const id = decodeURIComponent(modelMatch[1]);
      if (state.models.includes(id)) sendJson(res, 200, modelObject(id));
      else sendError(res, 404, `The model '${id}' does not exist`, "invalid_request_error", "model_not_found");
      return;
    }
    sendError(res, 404, `Invalid URL (${method} ${url.pathname})`, "invalid_request_error", "unknown_url");
  }

  const server: Server = createServer((req, res) => {
    // Clients aborting mid-reply emit errors here; they are expected and must never crash the process.
    req.on("error", () => undefined);
    res.on("error", () => undefined);
    handle(req, res).catch((e: unknown) => {
      if (!res.headersSent) sendError(res, 500, `fake-openai internal error: ${String(e)}`, "server_error", null);
      else res.destroy();
    });
  });
  server.on("connection", (socket) => {
    sockets.add(socket);
    socket.on("error", () => undefined);
    socket.on("close", () => sockets.delete(socket));
  });
  server.on("clientError", (_err, socket) => {
    socket.destroy();
  });

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, "127.0.0.1", () => {
      server.off("error", reject);
      resolve();
    });
  });

  const port = (server.address() as AddressInfo).port;
  const origin = `http://127.0.0.1:${port}`;

  return {
    url: `${origin}/v1`,
    origin,
    port,
    script: (match, reply, times) => state.script(match, reply, times),
    requests: (purpose: PurposeFilter = "chat") => state.matching("", purpose),
    waitForRequest: (match, timeoutMs, purpose) => state.waitForRequest(match, timeoutMs, purpose),
    waitForClose: (match, timeoutMs, purpose) => state.waitForClose(match, timeoutMs, purpose),
    release: (match) => {
      state.release(match);
    },
    reset: () => state.reset(),
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((err) => (err ? reject(err) : resolve()));
        // Stalled/hanging streams would otherwise keep close() pending forever.
        for (const s of sockets) s.destroy();
      }),
  };
}
