import type { Store } from "@/lib/store/types";

/**
 * Sign-in throttling, kept in the store so it holds across server instances.
 * Attempts are counted per email and failures per client address, in a
 * fixed window.
 */
export const LOGIN_WINDOW_MS = 15 * 60 * 1000;
export const MAX_FAILURES_PER_EMAIL = 5;
export const MAX_FAILURES_PER_ADDRESS = 20;

export interface ThrottleSubject {
  email: string;
  address: string | null;
}

const emailKey = (s: ThrottleSubject) => `email:${s.email.trim().toLowerCase()}`;
const addressKey = (s: ThrottleSubject) => (s.address ? `addr:${s.address}` : null);

/**
 * Counts this attempt against the email before the password is checked, in
 * one atomic step, so parallel guesses cannot all slip under the limit. A
 * successful sign-in clears the count again.
 */
export async function admitSignInAttempt(store: Store, subject: ThrottleSubject, now = new Date()): Promise<boolean> {
  const address = addressKey(subject);
  const [attempts, addressFailures] = await Promise.all([
    store.recordLoginFailure(emailKey(subject), LOGIN_WINDOW_MS, now),
    address ? store.countLoginFailures(address, LOGIN_WINDOW_MS, now) : Promise.resolve(0),
  ]);
  return attempts <= MAX_FAILURES_PER_EMAIL && addressFailures < MAX_FAILURES_PER_ADDRESS;
}

export async function recordSignInFailure(store: Store, subject: ThrottleSubject, now = new Date()): Promise<void> {
  const address = addressKey(subject);
  if (address) await store.recordLoginFailure(address, LOGIN_WINDOW_MS, now);
}

/** Success forgives the email's attempts (not the address's failures) and tidies old windows. */
export async function recordSignInSuccess(store: Store, subject: ThrottleSubject, now = new Date()): Promise<void> {
  await store.clearLoginFailures(emailKey(subject));
  await store.pruneLoginFailures(new Date(now.getTime() - LOGIN_WINDOW_MS));
}
