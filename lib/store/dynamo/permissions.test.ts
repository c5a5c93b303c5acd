import { readdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { INDEX_ACTIONS, TABLE_ACTIONS } from "./permissions";

const here = fileURLToPath(new URL(".", import.meta.url));

/** The IAM action behind each command of the AWS SDK (document client or low-level) that may appear. */
const ACTION_OF_COMMAND: Record<string, string> = {
  GetCommand: "dynamodb:GetItem",
  GetItemCommand: "dynamodb:GetItem",
  BatchGetCommand: "dynamodb:BatchGetItem",
  BatchGetItemCommand: "dynamodb:BatchGetItem",
  PutCommand: "dynamodb:PutItem",
  PutItemCommand: "dynamodb:PutItem",
  UpdateCommand: "dynamodb:UpdateItem",
  UpdateItemCommand: "dynamodb:UpdateItem",
  DeleteCommand: "dynamodb:DeleteItem",
  DeleteItemCommand: "dynamodb:DeleteItem",
  BatchWriteCommand: "dynamodb:BatchWriteItem",
  BatchWriteItemCommand: "dynamodb:BatchWriteItem",
  QueryCommand: "dynamodb:Query",
  TransactWriteCommand: "dynamodb:TransactWriteItems",
  TransactWriteItemsCommand: "dynamodb:TransactWriteItems",
  TransactGetCommand: "dynamodb:TransactGetItems",
  TransactGetItemsCommand: "dynamodb:TransactGetItems",
};

/** Commands the deployed adapter sends: what its non-test modules construct. */
function commandsSent(): string[] {
  const names = new Set<string>();
  for (const file of readdirSync(here)) {
    // The emulator creates the table for tests; on AWS, SST does.
    if (!file.endsWith(".ts") || file.endsWith(".test.ts") || file === "emulator.ts") continue;
    for (const match of readFileSync(`${here}/${file}`, "utf8").matchAll(/\bnew\s+([A-Z]\w*Command)\s*\(/g)) names.add(match[1]);
  }
  return [...names].sort();
}

describe("the DynamoDB permissions of the server function", () => {
  it("are exactly the actions of the commands the adapter sends", () => {
    const sent = commandsSent();
    expect(sent.length).toBeGreaterThan(0);
    const unmapped = sent.filter((command) => !(command in ACTION_OF_COMMAND));
    expect(unmapped, "a command with no IAM action listed here: add it, and to permissions.ts if it is needed").toEqual([]);
    expect([...TABLE_ACTIONS].sort()).toEqual([...new Set(sent.map((command) => ACTION_OF_COMMAND[command]))].sort());
  });

  it("name single actions, never a wildcard, a Scan or table administration", () => {
    for (const action of [...TABLE_ACTIONS, ...INDEX_ACTIONS]) {
      expect(action).toMatch(/^dynamodb:(GetItem|BatchGetItem|PutItem|UpdateItem|DeleteItem|BatchWriteItem|Query|ConditionCheckItem|TransactWriteItems|TransactGetItems)$/);
    }
  });

});
