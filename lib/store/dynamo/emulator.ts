import type { AddressInfo } from "node:net";

import { CreateTableCommand, DynamoDBClient } from "@aws-sdk/client-dynamodb";
import dynalite from "dynalite";

import { createTableInput } from "./table-definition";

/**
 * For tests and local runs only (dynalite is a dev dependency): an in-process,
 * in-memory DynamoDB on a free loopback port, with the table created.
 */
export interface Emulator {
  endpoint: string;
  client: DynamoDBClient;
  tableName: string;
  /** Every operation sent through `client`, in order ("Query", "GetItem", …); tests may clear it. */
  operations: string[];
  /** Destroys the client and stops the server. */
  stop(): Promise<void>;
}

export async function startEmulator(tableName = "parley-test"): Promise<Emulator> {
  const server = dynalite({ createTableMs: 0 });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const endpoint = `http://127.0.0.1:${port}`;
  // Tests run on the machine's Node 20; the SDK's notice that future releases
  // need Node 22 (which the Lambda runtime has) would only be noise here.
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= "true";
  const client = new DynamoDBClient({
    endpoint,
    region: "us-east-1",
    credentials: { accessKeyId: "test", secretAccessKey: "test" },
  });
  const operations: string[] = [];
  watchOperations(client, operations);
  const stop = async () => {
    client.destroy();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  };
  try {
    await client.send(new CreateTableCommand(createTableInput(tableName)));
  } catch (error) {
    await stop();
    throw error;
  }
  return { endpoint, client, tableName, operations, stop };
}

/**
 * Records each operation and makes any Scan fail loudly: the adapter promises
 * that every read is a Query or a GetItem, and the contract run through this
 * client holds it to that.
 */
function watchOperations(client: DynamoDBClient, operations: string[]): void {
  client.middlewareStack.add(
    (next) => async (args) => {
      const request = args.request as { headers?: Record<string, string> };
      const operation = (request.headers?.["x-amz-target"] ?? "").split(".").pop() ?? "";
      if (operation === "Scan") throw new Error("The store must never Scan the table.");
      operations.push(operation);
      return next(args);
    },
    { step: "finalizeRequest", name: "watchOperations" },
  );
}
