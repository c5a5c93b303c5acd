import { createServer, request, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PEER_ADDRESS_HEADER, peerAddress, stampPeerAddresses } from "./peer-address";

/** Request headers as a route handler gets them: a Fetch Headers built from the Node request's. */
function fetchHeaders(headers: IncomingHttpHeaders): Headers {
  const result = new Headers();
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined) result.set(name, Array.isArray(value) ? value.join(", ") : value);
  }
  return result;
}

describe("the peer address of a request", () => {
  let server: Server;
  let port: number;

  beforeAll(async () => {
    stampPeerAddresses();
    server = createServer((req, res) => {
      res.setHeader("content-type", "application/json");
      res.end(JSON.stringify({ peer: peerAddress(fetchHeaders(req.headers)) }));
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  // Loopback is a whole /8, so each local address plays a different client.
  function ask(localAddress: string, headers: Record<string, string> = {}): Promise<string | null> {
    return new Promise((resolve, reject) => {
      const req = request({ host: "127.0.0.1", port, path: "/", localAddress, headers, agent: false }, (res) => {
        let body = "";
        res.on("data", (chunk) => (body += chunk));
        res.on("end", () => resolve((JSON.parse(body) as { peer: string | null }).peer));
      });
      req.on("error", reject);
      req.end();
    });
  }

  it("is the socket's address, whatever the client claims", async () => {
    expect(await ask("127.0.0.2")).toBe("127.0.0.2");
    expect(await ask("127.0.0.3", { "x-forwarded-for": "6.6.6.6", [PEER_ADDRESS_HEADER]: "6.6.6.6" })).toBe("127.0.0.3");
  });

  it("is not believed from a header this process did not write", () => {
    expect(peerAddress(new Headers({ [PEER_ADDRESS_HEADER]: "6.6.6.6" }))).toBeNull();
    expect(peerAddress(new Headers({ [PEER_ADDRESS_HEADER]: "guessed-token 6.6.6.6" }))).toBeNull();
    expect(peerAddress(new Headers())).toBeNull();
  });
});
