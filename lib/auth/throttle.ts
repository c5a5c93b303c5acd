import type { Store } from "@/lib/store/types";

/**
 * Sign-in throttling, kept in the store so it holds across server instances.
 * Failures are counted per email and per client address in a fixed window.
 */
export const LOGIN_WINDOW_MS = 15 * 60 * 1000;
export const MAX_FAILURES_PER_EMAIL = 5;
export const MAX_FAILURES_PER_ADDRESS = 20;

export interface ThrottleSubject {
  email: string;
  address: string | null;
}

function keys(subject: ThrottleSubject) {
  return {
    email: `email:${subject.email.trim().toLowerCase()}`,
    address: subject.address ? `addr:${subject.address}` : null,
  };
}

export async function isSignInBlocked(store: Store, subject: ThrottleSubject, now = new Date()): Promise<boolean> {
  const k = keys(subject);
  const [byEmail, byAddress] = await Promise.all([
    store.countLoginFailures(k.email, LOGIN_WINDOW_MS, now),
    k.address ? store.countLoginFailures(k.address, LOGIN_WINDOW_MS, now) : Promise.resolve(0),
  ]);
  return byEmail >= MAX_FAILURES_PER_EMAIL || byAddress >= MAX_FAILURES_PER_ADDRESS;
}

export async function recordSignInFailure(store: Store, subject: ThrottleSubject, now = new Date()): Promise<void> {
  const k = keys(subject);
  await Promise.all([
    store.recordLoginFailure(k.email, LOGIN_WINDOW_MS, now),
    k.address ? store.recordLoginFailure(k.address, LOGIN_WINDOW_MS, now) : Promise.resolve(0),
  ]);
}

/** A successful sign-in forgives the email's failures, not the address's. */
export async function recordSignInSuccess(store: Store, subject: ThrottleSubject): Promise<void> {
  await store.clearLoginFailures(keys(subject).email);
}
