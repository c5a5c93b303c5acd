import "server-only";
import { z } from "zod";
import { recordAudit } from "@/lib/admin/audit";
import { ApiError } from "@/lib/errors/api-error";
import type { LimitOverrides, LimitValues, Store, User } from "@/lib/store/types";
import { defaultLimits, LIMIT_FIELDS } from "./effective";

/** Setting limits in the admin area: everyone's defaults and people's own. */

const MAX_LIMIT = 1_000_000_000_000;
const count = (min: number) => z.number().int().min(min).max(MAX_LIMIT).nullable();

/** Each field a whole number, or null for no limit. */
export const defaultLimitsSchema = z
  .object({ tokensPerDay: count(0), repliesPerHour: count(0), repliesAtOnce: count(1) })
  .strict();

/** A person by email; a field left out follows everyone's default. */
export const personLimitsSchema = z
  .object({
    email: z.string().trim().min(1).max(320),
    tokensPerDay: count(0).optional(),
    repliesPerHour: count(0).optional(),
    repliesAtOnce: count(1).optional(),
  })
  .strict();

export interface LimitsOverview {
  /** What LIMIT_* set (applies until an admin saves defaults). */
  environment: LimitValues;
  /** Everyone's limits now. */
  defaults: LimitValues;
  people: Array<{ userId: string; email: string; name: string; limits: LimitOverrides }>;
}

export async function limitsOverview(store: Store, environment: LimitValues): Promise<LimitsOverview> {
  const [defaults, own, users] = await Promise.all([defaultLimits(store, environment), store.listPersonLimits(), store.listUsers()]);
  const byId = new Map(users.map((user) => [user.id, user]));
  const people = own.flatMap(({ userId, limits }) => {
    // A removed account's limits mean nothing any more.
    const user = byId.get(userId);
    return user ? [{ userId, email: user.email, name: user.name, limits }] : [];
  });
  people.sort((a, b) => a.email.localeCompare(b.email));
  return { environment, defaults, people };
}

export async function saveDefaults(store: Store, admin: User, limits: LimitValues): Promise<void> {
  await store.saveDefaultLimits(limits);
  await recordAudit(store, admin, "limits_changed", null, { ...limits });
}

export async function savePersonLimits(store: Store, admin: User, input: z.infer<typeof personLimitsSchema>): Promise<void> {
  const person = await store.getUserByEmail(input.email);
  if (!person) throw new ApiError(404, "person_not_found", { email: input.email });
  const limits: LimitOverrides = {};
  for (const field of LIMIT_FIELDS) if (input[field] !== undefined) limits[field] = input[field];
  await store.savePersonLimits(person.id, limits);
  await recordAudit(store, admin, "person_limits_changed", person, { ...limits });
}

export async function removePersonLimits(store: Store, admin: User, userId: string): Promise<void> {
  const person = await store.getUserById(userId);
  await store.savePersonLimits(userId, null);
  await recordAudit(store, admin, "person_limits_removed", person ?? { id: userId, email: "" });
}
