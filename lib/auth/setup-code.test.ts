import { describe, expect, it } from "vitest";
import { memoryStoreForSuite } from "@/test-support/memory-store";
import { checkSetupCode, firstRunGate } from "./setup-code";

describe("who may create the first account on the web", () => {
  it("is anyone on a private install, the holder of the code when one is set, and no one on a bare public deployment", () => {
    expect(firstRunGate({ setupCode: undefined, publicDeployment: false })).toEqual({ kind: "open" });
    expect(firstRunGate({ setupCode: "0123456789abcdef", publicDeployment: false })).toEqual({ kind: "code", code: "0123456789abcdef" });
    expect(firstRunGate({ setupCode: "0123456789abcdef", publicDeployment: true })).toEqual({ kind: "code", code: "0123456789abcdef" });
    expect(firstRunGate({ setupCode: undefined, publicDeployment: true })).toEqual({ kind: "cli-only" });
  });
});

describe("checking a setup code", () => {
  const store = memoryStoreForSuite();
  const gate = firstRunGate({ setupCode: "correct-horse-battery", publicDeployment: true });

  it("accepts the code (ignoring surrounding spaces) and refuses anything else", async () => {
    expect(await checkSetupCode(store, gate, { code: " correct-horse-battery\n", address: "192.0.2.1" })).toBe("ok");
    expect(await checkSetupCode(store, gate, { code: "correct-horse", address: "192.0.2.1" })).toBe("wrong");
    expect(await checkSetupCode(store, gate, { code: "", address: "192.0.2.1" })).toBe("wrong");
  });

  it("refuses every code when only the command line may set up", async () => {
    expect(await checkSetupCode(store, { kind: "cli-only" }, { code: "anything", address: null })).toBe("wrong");
  });

  it("stops an address after ten wrong guesses, even before the right code", async () => {
    const address = "198.51.100.7";
    for (let i = 0; i < 10; i++) {
      expect(await checkSetupCode(store, gate, { code: `guess-${i}`, address })).toBe("wrong");
    }
    expect(await checkSetupCode(store, gate, { code: "correct-horse-battery", address })).toBe("throttled");
    // Another address is not held back by this one's guesses.
    expect(await checkSetupCode(store, gate, { code: "correct-horse-battery", address: "198.51.100.8" })).toBe("ok");
  });
});
