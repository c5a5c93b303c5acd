import "server-only";
import { deleteOwnerFiles } from "@/lib/attachments/files";
import type { BlobStore } from "@/lib/blobs/types";
import type { Store } from "@/lib/store/types";

/**
 * Removes a person entirely: their account with conversations, messages and
 * settings (the store), then every file they attached (the blob store).
 * Files go second, so a failure there leaves files without an account (found
 * again by the owner prefix) rather than an account pointing at missing files.
 */
export async function removeAccount(store: Store, blobs: BlobStore, userId: string): Promise<boolean> {
  const removed = await store.deleteUser(userId);
  await deleteOwnerFiles(blobs, userId);
  return removed;
}
