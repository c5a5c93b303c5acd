"use client";

import { useState } from "react";

/**
 * A form's request in flight: `busy` while it runs, and the message of its
 * failure as the form's error (sendJson throws errors worded for people).
 */
export function useSubmission() {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const run = async (work: () => Promise<void>) => {
    setBusy(true);
    setError(null);
    try {
      await work();
    } catch (failure) {
      setError((failure as Error).message);
    } finally {
      setBusy(false);
    }
  };
  return { busy, error, setError, run };
}
