import { Resource } from "sst/resource";
import type { LinkLookup } from "./linked-values";

/**
 * Reads links through SST's `Resource`, which is filled from the
 * SST_RESOURCE_<Name> variables that SST sets on the deployed function.
 * `in` is checked first because reading a name that is not linked throws,
 * and outside SST (local dev, tests, plain `next start`) nothing is linked.
 */
export const sstLinks: LinkLookup = (name) => {
  const resources = Resource as unknown as Record<string, unknown>;
  return name in resources ? resources[name] : undefined;
};
