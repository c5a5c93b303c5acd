import { redirect } from "next/navigation";
import { cache } from "react";
import type { User } from "@/lib/store/types";
import { auth } from "./index";

/**
 * The signed-in person. auth() re-reads the account from the store on each
 * request (see the jwt callback), so a change made from the command line
 * or the admin area (name, role, disabling, removal, password reset) shows at once. Cached per request: layout,
 * page and metadata share one lookup.
 */
export const currentUser = cache(async (): Promise<User | null> => {
  const user = (await auth())?.user;
  if (!user?.id || !user.email || !user.role || !user.createdAt) return null;
  // A disabled account has no session (see the jwt callback), so whoever is here is active.
  return {
    id: user.id,
    email: user.email,
    name: user.name ?? "",
    role: user.role,
    status: "active",
    createdAt: new Date(user.createdAt),
  };
});

/** For pages: the signed-in person, or a redirect to sign-in that comes back to `returnTo`. */
export async function requirePageUser(returnTo: string): Promise<User> {
  const user = await currentUser();
  if (!user) redirect(returnTo === "/" ? "/sign-in" : `/sign-in?callbackUrl=${encodeURIComponent(returnTo)}`);
  return user;
}
