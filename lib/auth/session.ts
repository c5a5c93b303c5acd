import { redirect } from "next/navigation";
import { cache } from "react";
import { getStore, type User } from "@/lib/store";
import { sessionIsCurrent } from "./credentials";
import { auth } from "./index";

/**
 * The signed-in person, re-read from the store on each request so that an
 * account removed, or whose password was reset, from the command line loses
 * access at once. Cached per
 * request: layout, page and metadata share one lookup.
 */
export const currentUser = cache(async (): Promise<User | null> => {
  const session = await auth();
  const id = session?.user?.id;
  const email = session?.user?.email;
  if (!id || !email) return null;
  const store = await getStore();
  const account = await store.getUserByEmail(email);
  if (!sessionIsCurrent({ userId: id, credentialVersion: session.credentialVersion }, account)) return null;
  const { passwordHash, ...user } = account;
  return user;
});

/** For pages: the signed-in person, or a redirect to sign-in that comes back to `returnTo`. */
export async function requirePageUser(returnTo: string): Promise<User> {
  const user = await currentUser();
  if (!user) redirect(returnTo === "/" ? "/sign-in" : `/sign-in?callbackUrl=${encodeURIComponent(returnTo)}`);
  return user;
}
