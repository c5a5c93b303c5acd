"use client";

import { useRouter } from "next/navigation";
import { useEffect } from "react";

/**
 * Asks the server every few seconds (while the page is visible, and when it
 * becomes visible again) whether the session still holds. Once it has ended
 * (the account was disabled or removed, its password reset, or it signed
 * out in another tab), the page goes to sign-in instead of failing later on
 * whatever the person does next.
 */
const CHECK_EVERY_MS = 5_000;

export function SessionWatch() {
  const router = useRouter();
  useEffect(() => {
    let gone = false;
    const check = async () => {
      if (gone || document.visibilityState !== "visible") return;
      try {
        const response = await fetch("/api/session", { cache: "no-store" });
        if (response.status !== 401 || gone) return;
        gone = true;
        const here = `${window.location.pathname}${window.location.search}`;
        router.replace(`/sign-in?callbackUrl=${encodeURIComponent(here)}`);
      } catch {
        // Offline or the server restarting: the next check tells.
      }
    };
    const timer = setInterval(() => void check(), CHECK_EVERY_MS);
    const onVisible = () => void check();
    document.addEventListener("visibilitychange", onVisible);
    return () => {
      clearInterval(timer);
      document.removeEventListener("visibilitychange", onVisible);
    };
  }, [router]);
  return null;
}
