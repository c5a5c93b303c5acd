import { describe, expect, it } from "vitest";
import { isWellFormedPath } from "./well-formed-path";

describe("isWellFormedPath", () => {
  it("accepts the paths Parley routes, encoded or not", () => {
    for (const path of ["/", "/c/0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d", "/api/conversations/search", "/api/presets/builtin-helper", "/c/%E4%BD%A0%E5%A5%BD", "/api/x%20y"]) {
      expect(isWellFormedPath(path), path).toBe(true);
    }
  });

  it("refuses broken percent-encoding and segments that decode to something a path cannot hold", () => {
    for (const path of ["/api/presets/%", "/api/conversations/%E0%A4%A", "/c/%FF", "/api/conversations/%2e%2e/export", "/api/conversations/%2E", "/api/presets/a%2Fb", "/api/presets/a%5Cb", "/api/presets/%00"]) {
      expect(isWellFormedPath(path), path).toBe(false);
    }
  });
});
