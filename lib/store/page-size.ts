import { MAX_PAGE_SIZE } from "@/lib/chat/limits";

/** What every adapter reads for a page or a search: a whole number from 1 to MAX_PAGE_SIZE, whatever the caller asks. */
export function pageSize(limit: number): number {
  return Math.min(Math.max(Number.isFinite(limit) ? Math.trunc(limit) : MAX_PAGE_SIZE, 1), MAX_PAGE_SIZE);
}
