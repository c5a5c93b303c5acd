/**
 * What may be attached to a message, shared by the browser (the file
 * picker's filter, early refusals) and the server (which decides the type
 * from the file's content, never from its name or the browser's claim).
 * No dependencies: safe to import anywhere.
 */

export const MAX_ATTACHMENTS = 10;
export const MAX_ATTACHMENT_MB = 20;
export const MAX_ATTACHMENT_BYTES = MAX_ATTACHMENT_MB * 1024 * 1024;
export const MAX_ATTACHMENT_NAME_CHARS = 255;

/** Images go to vision models as image inputs. */
export const IMAGE_TYPES = ["image/png", "image/jpeg", "image/webp", "image/gif"] as const;

/** Documents are read as text; each extension names the text's kind. */
const TEXT_EXTENSIONS: Record<string, string> = {
  txt: "text/plain",
  text: "text/plain",
  log: "text/plain",
  md: "text/markdown",
  markdown: "text/markdown",
  csv: "text/csv",
  tsv: "text/tab-separated-values",
  json: "application/json",
};

/** Source code and configuration: read as plain text. */
const CODE_EXTENSIONS = [
  "js", "mjs", "cjs", "jsx", "ts", "mts", "cts", "tsx", "py", "rb", "php", "java", "kt", "kts", "scala", "go", "rs",
  "c", "h", "cc", "cpp", "hpp", "cs", "swift", "m", "mm", "sh", "bash", "zsh", "ps1", "sql", "r", "lua", "pl", "dart",
  "ex", "exs", "erl", "hs", "clj", "vue", "svelte", "html", "htm", "css", "scss", "less", "xml", "yaml", "yml", "toml",
  "ini", "cfg", "conf", "env", "gradle", "dockerfile", "makefile", "tex", "rst", "adoc", "graphql", "proto", "tf",
];

const IMAGE_EXTENSIONS = ["png", "jpg", "jpeg", "webp", "gif"];

export type AttachmentKind = "image" | "document";

export function extensionOf(name: string): string {
  const base = name.slice(name.lastIndexOf("/") + 1).toLowerCase();
  const dot = base.lastIndexOf(".");
  // "Dockerfile", "Makefile": the whole name is the kind.
  return dot === -1 ? base : base.slice(dot + 1);
}

export function isImageType(mediaType: string): boolean {
  return (IMAGE_TYPES as readonly string[]).includes(mediaType);
}

export function kindOf(mediaType: string): AttachmentKind {
  return isImageType(mediaType) ? "image" : "document";
}

/** The text kind a document of this name is read as, or null when the name says nothing. */
export function textTypeFor(name: string): string | null {
  const extension = extensionOf(name);
  if (extension in TEXT_EXTENSIONS) return TEXT_EXTENSIONS[extension]!;
  return CODE_EXTENSIONS.includes(extension) ? "text/plain" : null;
}

/** Whether the name claims an image (its content must then be one). */
export function namedAsImage(name: string): boolean {
  return IMAGE_EXTENSIONS.includes(extensionOf(name));
}

/**
 * A first look at what the browser says about a file, before any byte is
 * sent: accepted when its claimed type or its name says it is something
 * Parley reads. The server checks the content again after the upload.
 */
export function looksAttachable(file: { name: string; type: string }): boolean {
  return (
    isImageType(file.type) ||
    file.type === "application/pdf" ||
    file.type.startsWith("text/") ||
    file.type === "application/json" ||
    namedAsImage(file.name) ||
    extensionOf(file.name) === "pdf" ||
    textTypeFor(file.name) !== null
  );
}

/** For the file picker: what it offers by default. */
export const ACCEPT = [
  ...IMAGE_TYPES,
  "application/pdf",
  ".pdf",
  ...Object.keys(TEXT_EXTENSIONS).map((e) => `.${e}`),
  ...CODE_EXTENSIONS.map((e) => `.${e}`),
].join(",");

/** Where the app serves an attachment to its owner (a redirect to S3 on AWS). */
export function attachmentPath(id: string, variant: "original" | "thumb" = "original"): string {
  return variant === "thumb" ? `/api/attachments/${id}?variant=thumb` : `/api/attachments/${id}`;
}

/** The id in an attachmentPath, or null. */
export function attachmentIdFromPath(url: string): string | null {
  const match = /^\/api\/attachments\/([0-9a-f-]{36})(?:\?|$)/.exec(url);
  return match ? match[1]! : null;
}

/** "1.2 MB", "340 KB", "12 B": a file's size for a chip. */
export function formatSize(bytes: number, locale?: string): string {
  const format = (value: number, unit: string) =>
    `${value.toLocaleString(locale, { maximumFractionDigits: value < 10 ? 1 : 0 })} ${unit}`;
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return format(bytes / 1024, "KB");
  return format(bytes / 1024 / 1024, "MB");
}
