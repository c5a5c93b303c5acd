import type { Store } from "@/lib/store/types";

/**
 * Sign-in throttling, kept in the store so it holds across server instances.
 * It is built so that guessing slows the guesser, never the account's owner:
 *
 * - per (email, address), strict: a few tries at one account from one
 *   address, then that address waits for the window to pass;
 * - per address, strict on failures: one address trying many accounts,
 *   while a classroom or an office behind one address, whose people sign in
 *   correctly, is not held up (a much higher cap on all attempts bounds what
 *   an attacker with one valid account can gain by signing in between
 *   guesses);
 * - per email, a much higher ceiling for guessing spread over many
 *   addresses: past it, only an address with no failures in the window may
 *   try that account, so a botnet gets one guess per address per window
 *   while the owner, from an address that has not been failing, still gets
 *   in, however hard the account is being attacked.
 *
 * Every attempt is counted before the password is checked, in one atomic
 * step per counter, so parallel guesses cannot slip under a limit; an attempt
 * therefore counts as a failure until its password proves right. Success
 * clears the (email, address) count and is recorded for the address, so its
 * earlier successful sign-ins are not taken for failures.
 */
export const LOGIN_WINDOW_MS = 15 * 60 * 1000;
export const MAX_ATTEMPTS_PER_EMAIL_AND_ADDRESS = 5;
export const MAX_FAILURES_PER_ADDRESS = 20;
export const MAX_ATTEMPTS_PER_ADDRESS = 200;
export const EMAIL_CEILING = 100;

export interface ThrottleSubject {
  email: string;
  /** The client's address group (lib/auth/client-address.ts); null when unknown. */
  address: string | null;
}

// Requests whose address could not be found share one bucket: a
// misconfiguration must not switch the address limits off.
const UNKNOWN_ADDRESS = "unknown";

function keys(subject: ThrottleSubject) {
  const email = subject.email.trim().toLowerCase();
  const address = subject.address ?? UNKNOWN_ADDRESS;
  return {
    pair: `pair:${address} ${email}`,
    address: `addr:${address}`,
    addressSuccesses: `addr-ok:${address}`,
    email: `email:${email}`,
  };
}

export async function admitSignInAttempt(store: Store, subject: ThrottleSubject, now = new Date()): Promise<boolean> {
  const key = keys(subject);
  const [pair, byAddress] = await Promise.all([
    store.recordLoginFailure(key.pair, LOGIN_WINDOW_MS, now),
    store.recordLoginFailure(key.address, LOGIN_WINDOW_MS, now),
    // Old windows of emails nobody signs in with would otherwise pile up.
    store.pruneLoginFailures(new Date(now.getTime() - LOGIN_WINDOW_MS)),
  ]);
  if (pair > MAX_ATTEMPTS_PER_EMAIL_AND_ADDRESS || byAddress > MAX_ATTEMPTS_PER_ADDRESS) return false;
  // Read at most once, and only when needed: most addresses never make enough attempts.
  let successes: number | undefined;
  const failuresBefore = async () =>
    byAddress - 1 - (successes ??= await store.countLoginFailures(key.addressSuccesses, LOGIN_WINDOW_MS, now));
  if (byAddress > MAX_FAILURES_PER_ADDRESS && (await failuresBefore()) >= MAX_FAILURES_PER_ADDRESS) return false;

  // Counted only for attempts the strict limits let through, so one address
  // hammering away cannot push the account past its ceiling by itself.
  const byEmail = await store.recordLoginFailure(key.email, LOGIN_WINDOW_MS, now);
  if (byEmail <= EMAIL_CEILING) return true;
  return (await failuresBefore()) <= 0;
}

export async function recordSignInSuccess(store: Store, subject: ThrottleSubject, now = new Date()): Promise<void> {
  const key = keys(subject);
  await Promise.all([
    store.clearLoginFailures(key.pair),
    store.recordLoginFailure(key.addressSuccesses, LOGIN_WINDOW_MS, now),
  ]);
}
