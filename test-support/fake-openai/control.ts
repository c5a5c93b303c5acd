/**
 * The control API under /__fake/: what FakeOpenAI offers in-process, over HTTP
 * for tests in other processes (client.ts wraps it in fetch helpers).
 */
import type { IncomingMessage, ServerResponse } from "node:http";

import { readJson, sendError, sendJson } from "./http";
import { isObject, isPurposeFilter } from "./request-text";
import { DEFAULT_WAIT_MS, type FakeState } from "./state";
import type { FakeReply } from "./types";

export async function handleControl(state: FakeState, req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
  const route = `${req.method ?? "GET"} ${url.pathname}`;
  switch (route) {
    case "GET /__fake/health":
      sendJson(res, 200, { ok: true });
      return;
    case "POST /__fake/reset":
      state.reset();
      sendJson(res, 200, { ok: true });
      return;
    case "GET /__fake/requests": {
      const match = url.searchParams.get("match") ?? "";
      const purpose = url.searchParams.get("purpose") ?? "chat";
      if (!isPurposeFilter(purpose)) {
        sendError(res, 400, "purpose must be chat, title or any", "invalid_request_error", null);
        return;
      }
      sendJson(res, 200, state.matching(match, purpose));
      return;
    }
    case "GET /__fake/wait": {
      // Long-poll so out-of-process tests can wait for a condition without sleeping.
      const match = url.searchParams.get("match") ?? "";
      const timeoutMs = Number(url.searchParams.get("timeoutMs") ?? DEFAULT_WAIT_MS);
      const closed = url.searchParams.get("closed") === "1";
      const purpose = url.searchParams.get("purpose") ?? "chat";
      if (!isPurposeFilter(purpose)) {
        sendError(res, 400, "purpose must be chat, title or any", "invalid_request_error", null);
        return;
      }
      try {
        const r = closed
          ? await state.waitForClose(match, timeoutMs, purpose)
          : await state.waitForRequest(match, timeoutMs, purpose);
        sendJson(res, 200, r);
      } catch (e) {
        sendError(res, 408, e instanceof Error ? e.message : String(e), "timeout", "timeout");
      }
      return;
    }
    case "POST /__fake/release": {
      const parsed = await readJson(req);
      if (!isObject(parsed) || typeof parsed.match !== "string") {
        sendError(res, 400, "release body must be JSON {match: string}", "invalid_request_error", null);
        return;
      }
      sendJson(res, 200, { ok: true, released: state.release(parsed.match) });
      return;
    }
    case "POST /__fake/models": {
      const parsed = await readJson(req);
      if (!isObject(parsed) || !Array.isArray(parsed.models) || !parsed.models.every((m) => typeof m === "string")) {
        sendError(res, 400, "models body must be JSON {models: string[]}", "invalid_request_error", null);
        return;
      }
      state.models = parsed.models as string[];
      sendJson(res, 200, { ok: true });
      return;
    }
    case "POST /__fake/script": {
      const parsed = await readJson(req);
      if (parsed === undefined) {
        sendError(res, 400, "script body must be JSON {match, reply, times?}", "invalid_request_error", null);
        return;
      }
      if (!isObject(parsed) || !isObject(parsed.reply) || (parsed.match !== undefined && typeof parsed.match !== "string")) {
        sendError(res, 400, "script body must be {match: string, reply: object, times?: number}", "invalid_request_error", null);
        return;
      }
      const times = typeof parsed.times === "number" ? parsed.times : 1;
      state.script(typeof parsed.match === "string" ? parsed.match : "", parsed.reply as FakeReply, times);
      sendJson(res, 200, { ok: true });
      return;
    }
    default:
      sendError(res, 404, `Unknown control route ${route}`, "invalid_request_error", "unknown_url");
  }
}
