import "server-only";

/**
 * Documents as text for the model: a PDF's text layer page by page (unpdf,
 * a maintained build of Mozilla's pdf.js), a text file as it is. Loaded only
 * on the server and only when a document arrives.
 */

export class DocumentUnreadable extends Error {
  constructor(
    readonly problem: "attachment_pdf_unreadable" | "attachment_no_text",
    cause?: unknown,
  ) {
    super(problem === "attachment_no_text" ? "The document has no text." : "The PDF could not be read.", { cause });
    this.name = "DocumentUnreadable";
  }
}

export async function pdfText(bytes: Uint8Array): Promise<string> {
  const { extractText, getDocumentProxy } = await import("unpdf");
  let pages: string[];
  try {
    // pdf.js takes ownership of the buffer it is given: hand it a copy.
    const document = await getDocumentProxy(new Uint8Array(bytes));
    try {
      pages = (await extractText(document, { mergePages: false })).text;
    } finally {
      await document.loadingTask.destroy();
    }
  } catch (error) {
    // Damaged files and password-protected ones (PasswordException) alike.
    throw new DocumentUnreadable("attachment_pdf_unreadable", error);
  }
  const text = pages.map((page) => page.trim()).filter(Boolean).join("\n\n");
  if (!text) throw new DocumentUnreadable("attachment_no_text");
  return text;
}

export function plainText(bytes: Uint8Array): string {
  // Already checked to be UTF-8; a byte-order mark is not part of the text.
  const text = new TextDecoder("utf-8").decode(bytes).replace(/^\uFEFF/, "");
  if (!text.trim()) throw new DocumentUnreadable("attachment_no_text");
  return text;
}
