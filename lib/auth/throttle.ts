import type { Store } from "@/lib/store/types";

/**
 * Sign-in throttling, kept in the store so it holds across server instances.
 * Attempts are counted per email and per client address in a fixed window,
 * before the password is checked and in one atomic step each, so parallel
 * guesses cannot slip under the limits. A successful sign-in clears the
 * email's count (not the address's).
 */
export const LOGIN_WINDOW_MS = 15 * 60 * 1000;
export const MAX_ATTEMPTS_PER_EMAIL = 5;
export const MAX_ATTEMPTS_PER_ADDRESS = 20;

export interface ThrottleSubject {
  email: string;
  address: string | null;
}

const emailKey = (s: ThrottleSubject) => `email:${s.email.trim().toLowerCase()}`;

export async function admitSignInAttempt(store: Store, subject: ThrottleSubject, now = new Date()): Promise<boolean> {
  const [byEmail, byAddress] = await Promise.all([
    store.recordLoginFailure(emailKey(subject), LOGIN_WINDOW_MS, now),
    subject.address ? store.recordLoginFailure(`addr:${subject.address}`, LOGIN_WINDOW_MS, now) : Promise.resolve(0),
    // Old windows of emails nobody signs in with would otherwise pile up.
    store.pruneLoginFailures(new Date(now.getTime() - LOGIN_WINDOW_MS)),
  ]);
  return byEmail <= MAX_ATTEMPTS_PER_EMAIL && byAddress <= MAX_ATTEMPTS_PER_ADDRESS;
}

export async function recordSignInSuccess(store: Store, subject: ThrottleSubject): Promise<void> {
  await store.clearLoginFailures(emailKey(subject));
}
