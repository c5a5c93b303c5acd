import { describe, expect, it } from "vitest";
import { FORWARDED_AUTHORIZATION_HEADER, FORWARDED_AUTHORIZATION_INJECTION } from "./forwarded-authorization";

type Headers = Record<string, { value: string }>;

/** Runs the injected code as CloudFront's viewer-request function would, on a request's headers. */
function viewerRequest(headers: Headers): Headers {
  const event = { request: { headers: { ...headers } }, viewer: { ip: "192.0.2.1" } };
  new Function("event", FORWARDED_AUTHORIZATION_INJECTION)(event);
  return event.request.headers;
}

describe("the forwarded Authorization header (AWS)", () => {
  it("carries the client's Authorization on, which CloudFront drops from GET requests", () => {
    expect(viewerRequest({ authorization: { value: "Bearer pk_x" } })[FORWARDED_AUTHORIZATION_HEADER]).toEqual({ value: "Bearer pk_x" });
  });

  it("replaces or removes one the client wrote itself", () => {
    const forged = { [FORWARDED_AUTHORIZATION_HEADER]: { value: "Bearer pk_forged" } };
    expect(viewerRequest({ ...forged, authorization: { value: "Bearer pk_real" } })[FORWARDED_AUTHORIZATION_HEADER]).toEqual({ value: "Bearer pk_real" });
    expect(viewerRequest(forged)).not.toHaveProperty(FORWARDED_AUTHORIZATION_HEADER);
  });
});
