import { ScanCommand } from "@aws-sdk/client-dynamodb";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { startEmulator, type Emulator } from "./emulator";

describe("the test emulator", () => {
  let emulator: Emulator;
  beforeAll(async () => {
    emulator = await startEmulator();
  });
  afterAll(() => emulator?.stop());

  it("refuses a Scan, so the contract run proves the store never uses one", async () => {
    await expect(emulator.client.send(new ScanCommand({ TableName: emulator.tableName }))).rejects.toThrow(/never Scan/);
  });
});
