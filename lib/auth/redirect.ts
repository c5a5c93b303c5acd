/** Only same-site paths, so a crafted sign-in link cannot bounce people elsewhere. */
export function safeRedirect(value: unknown): string {
  const path = typeof value === "string" ? value : "";
  return path.startsWith("/") && !path.startsWith("//") && !path.startsWith("/\\") ? path : "/";
}
