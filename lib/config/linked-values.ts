import { z } from "zod";
import { LINKED_BUCKET, LINKED_SECRETS, LINKED_TABLE, type LinkedSecretVariable } from "./linked-resource-names";

/**
 * What SST links contribute to the configuration: the DynamoDB table and the
 * secrets, each standing in for the environment variable of the same meaning.
 * Kept apart from reading `Resource` so that readConfig stays a pure function
 * of its inputs and tests can pass links in directly.
 */
export interface LinkedValues {
  tableName?: string;
  /** The attachments bucket. */
  bucketName?: string;
  /** Secrets that have a value; unset ones are absent. */
  env: Partial<Record<LinkedSecretVariable, string>>;
}

/** Looks a linked resource up by name; undefined when it is not linked. */
export type LinkLookup = (name: string) => unknown;

export const NO_LINKS: LinkedValues = { env: {} };

const tableLink = z.object({ name: z.string().min(1) });
const secretLink = z.object({ value: z.string() });

export function readLinkedValues(lookup: LinkLookup): LinkedValues {
  const result: LinkedValues = { env: {} };
  const table = lookup(LINKED_TABLE);
  if (table !== undefined) result.tableName = parseLink(LINKED_TABLE, tableLink, table).name;
  const bucket = lookup(LINKED_BUCKET);
  if (bucket !== undefined) result.bucketName = parseLink(LINKED_BUCKET, tableLink, bucket).name;
  for (const [variable, name] of Object.entries(LINKED_SECRETS) as [LinkedSecretVariable, string][]) {
    const secret = lookup(name);
    if (secret === undefined) continue;
    // Optional secrets are declared with an empty placeholder so a deploy
    // does not demand them; empty therefore means "not set".
    const value = parseLink(name, secretLink, secret).value.trim();
    if (value !== "") result.env[variable] = value;
  }
  return result;
}

function parseLink<T extends z.ZodType>(name: string, schema: T, value: unknown): z.infer<T> {
  const parsed = schema.safeParse(value);
  if (!parsed.success) {
    throw new Error(`Invalid configuration: the linked resource "${name}" does not have the expected shape.`);
  }
  return parsed.data;
}
