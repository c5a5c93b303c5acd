/**
 * Where a sign-in may send people back to: a path on this site, or "/".
 *
 * Prefix checks on the raw string are not enough: browsers drop tabs and
 * newlines and read `\` as `/` before resolving a Location header, so
 * "/\t/evil.example" leaves the site. The target is therefore resolved with
 * the URL parser, as a browser would, against a stand-in for the app's own
 * origin (the real one depends on the host name the operator chose, and only
 * paths are ever wanted), and kept only if the origin is unchanged.
 */
const OWN_ORIGIN = "https://parley.invalid";

export function safeRedirect(value: unknown): string {
  if (typeof value !== "string" || !value.startsWith("/")) return "/";
  // Never in a path Parley makes, and each is a way to smuggle in a second slash.
  if (/[\u0000-\u001f\u007f\\]/.test(value)) return "/";
  let url: URL;
  try {
    url = new URL(value, OWN_ORIGIN);
  } catch {
    return "/";
  }
  if (url.origin !== OWN_ORIGIN) return "/";
  // Dot segments can collapse into "//host" ("/a/..//evil.example"), and an
  // encoded slash becomes one again wherever something decodes the path once more.
  if (url.pathname.startsWith("//") || /%(2f|5c)/i.test(url.pathname)) return "/";
  // The parsed form, not the input: what is returned is exactly what was checked.
  return url.pathname + url.search + url.hash;
}
