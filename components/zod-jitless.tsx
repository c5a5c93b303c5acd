"use client";

import { z } from "zod";

// The Content-Security-Policy refuses eval. Zod (ours and the AI SDK's, which
// checks every streamed chunk) would otherwise probe for it with
// `new Function`: the probe's failure is caught, but the browser still
// reports a violation. Without JIT, Zod interprets its schemas instead.
z.config({ jitless: true });

/**
 * Rendered by the layouts whose pages run Zod in the browser (the chat, the
 * admin area), so the setting above is in their bundles; the sign-in pages
 * do without Zod's weight.
 */
export function ZodJitless() {
  return null;
}
