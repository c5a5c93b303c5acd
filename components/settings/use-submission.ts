"use client";

import { useState } from "react";
import { errorText } from "@/lib/http/send-json";
import { useT } from "@/lib/i18n/client";
import type { MessageKey } from "@/lib/i18n/translate";

/**
 * A form's request in flight: `busy` while it runs, and its failure worded
 * as the form's error (`failed` when the server did not say what went wrong).
 */
export function useSubmission() {
  const t = useT();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const run = async (work: () => Promise<void>, failed: MessageKey) => {
    setBusy(true);
    setError(null);
    try {
      await work();
    } catch (failure) {
      setError(errorText(failure, t, failed));
    } finally {
      setBusy(false);
    }
  };
  return { busy, error, setError, run };
}
