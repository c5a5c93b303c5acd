import { getLogger } from "@/lib/log";
import type { Store } from "@/lib/store/types";
import { createFirstAccount, needsFirstRun, type NewAccount } from "./accounts";
import { checkSetupCode, type FirstRunGate } from "./setup-code";

export type FirstRunOutcome = "created" | "alreadySetUp" | "setupFromCli" | "setupCodeThrottled" | "setupCodeWrong" | "failed";

/**
 * The first-run page's decision, from a validated form. A store failure is
 * logged here, redacted, and answered as "failed": thrown on, Next would log
 * it raw, with the name, email and password hash the insert carried.
 */
export async function setUpFirstAccount(
  openStore: () => Promise<Store>,
  account: NewAccount,
  input: { gate: FirstRunGate; setupCode: string; address: string | null },
): Promise<FirstRunOutcome> {
  try {
    const store = await openStore();
    // Checked before hashing, so the public form cannot be used to burn CPU.
    if (!(await needsFirstRun(store))) return "alreadySetUp";
    if (input.gate.kind === "cli-only") return "setupFromCli";
    const code = await checkSetupCode(store, input.gate, { code: input.setupCode, address: input.address });
    if (code === "throttled") return "setupCodeThrottled";
    if (code === "wrong") return "setupCodeWrong";
    return (await createFirstAccount(store, account)) ? "created" : "alreadySetUp";
  } catch (error) {
    getLogger().error({ err: error }, "Could not create the first account");
    return "failed";
  }
}
