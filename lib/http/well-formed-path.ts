/**
 * Whether a request path can be routed at all. Next.js decodes each dynamic
 * segment itself and answers a bare 500 when one is not valid percent-encoding
 * (`/api/presets/%E0%A4%A`) or is an encoded dot segment
 * (`/api/conversations/%2e%2e/export`); such a path names nothing, so it is
 * refused before routing with an answer of our own.
 */
export function isWellFormedPath(pathname: string): boolean {
  for (const segment of pathname.split("/")) {
    let decoded: string;
    try {
      decoded = decodeURIComponent(segment);
    } catch {
      return false;
    }
    if (decoded === "." || decoded === ".." || decoded.includes("/") || decoded.includes("\\") || decoded.includes("\0")) return false;
  }
  return true;
}
