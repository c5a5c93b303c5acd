/**
 * A Content-Disposition value naming `fileName` (any Unicode): `inline` for
 * what the browser may show in place (images, as <img>), `attachment` for
 * everything else, so an uploaded file never renders as a page of Parley's.
 */
export function contentDisposition(fileName: string, inline: boolean): string {
  const ascii = fileName.replace(/[^\x20-\x7e]/g, "_").replace(/["\\]/g, "_");
  const encoded = encodeURIComponent(fileName).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `${inline ? "inline" : "attachment"}; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}
