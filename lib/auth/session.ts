import { redirect } from "next/navigation";
import { cache } from "react";
import { getStore, type User } from "@/lib/store";
import { auth } from "./index";

/**
 * The signed-in person, re-read from the store on each request so that an
 * account removed from the command line loses access at once. Cached per
 * request: layout, page and metadata share one lookup.
 */
export const currentUser = cache(async (): Promise<User | null> => {
  const session = await auth();
  const id = session?.user?.id;
  if (!id) return null;
  const store = await getStore();
  return store.getUserById(id);
});

/** For pages: the signed-in person, or a redirect to sign-in. */
export async function requirePageUser(): Promise<User> {
  const user = await currentUser();
  if (!user) redirect("/sign-in");
  return user;
}
