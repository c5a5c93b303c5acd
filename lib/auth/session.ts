import { redirect } from "next/navigation";
import { cache } from "react";
import { getStore, type User } from "@/lib/store";
import { auth } from "./index";

/**
 * The signed-in person, re-read from the store on each request so that a
 * change made from the command line (name, removal, password reset) shows at
 * once. Cached per request: layout, page and metadata share one lookup.
 */
export const currentUser = cache(async (): Promise<User | null> => {
  // auth() has already checked the account against the session (see the jwt callback).
  const id = (await auth())?.user?.id;
  if (!id) return null;
  return (await getStore()).getUserById(id);
});

/** For pages: the signed-in person, or a redirect to sign-in that comes back to `returnTo`. */
export async function requirePageUser(returnTo: string): Promise<User> {
  const user = await currentUser();
  if (!user) redirect(returnTo === "/" ? "/sign-in" : `/sign-in?callbackUrl=${encodeURIComponent(returnTo)}`);
  return user;
}
