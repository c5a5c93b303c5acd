import "server-only";
import { notFound } from "next/navigation";
import type { User } from "@/lib/store/types";
import { currentUser } from "./session";

/**
 * For admin pages: the signed-in admin. Anyone else (members, people signed
 * out) gets the ordinary 404, so the admin area does not reveal that it exists.
 * The role is re-read from the store on every request (see currentUser).
 */
export async function requireAdminPage(): Promise<User> {
  const user = await currentUser();
  if (!user || user.role !== "admin") notFound();
  return user;
}
