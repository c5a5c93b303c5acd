import { randomBytes } from "node:crypto";
import { subscribe } from "node:diagnostics_channel";
import type { IncomingMessage } from "node:http";
import type { Socket } from "node:net";

/**
 * The address of the socket a request arrived on, for `next start`, which
 * gives route handlers only headers. Node announces every request on the
 * `http.server.request.start` diagnostics channel before any listener (and so
 * before Next) sees it; the subscriber writes the socket's address into a
 * header, replacing whatever the client sent under that name.
 *
 * The value carries a token made when this process subscribed, so a header
 * the subscriber never wrote (a request that arrived before it subscribed,
 * or a runtime with no Node HTTP server, such as Lambda) is not believed.
 */
export const PEER_ADDRESS_HEADER = "x-parley-peer-address";

const TOKEN = Symbol.for("parley.peer-address.token");
type WithToken = typeof globalThis & { [TOKEN]?: string };

export function stampPeerAddresses(): void {
  const global = globalThis as WithToken;
  // Route bundles and the instrumentation hook may each load this module.
  if (global[TOKEN]) return;
  const token = randomBytes(16).toString("base64url");
  subscribe("http.server.request.start", (message) => {
    const { request, socket } = message as { request: IncomingMessage; socket: Socket };
    request.headers[PEER_ADDRESS_HEADER] = `${token} ${socket.remoteAddress ?? ""}`;
  });
  global[TOKEN] = token;
}

/** The socket's address as the subscriber wrote it, or null when it did not write this header. */
export function peerAddress(headers: Headers): string | null {
  const token = (globalThis as WithToken)[TOKEN];
  const value = headers.get(PEER_ADDRESS_HEADER);
  if (!token || !value) return null;
  const [given, address] = value.split(" ");
  return given === token && address ? address : null;
}
