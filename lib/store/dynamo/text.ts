/**
 * DynamoDB refuses items over 400 KB, but a long reply must still be stored
 * ("nothing is lost"). Text is therefore cut into parts that each fit an item
 * with room to spare, on code point boundaries (half a surrogate pair is not
 * valid UTF-8), and joined again on reading.
 */

/** UTF-8 bytes per part: well under the item limit, leaving room for the other attributes. */
export const PART_BYTES = 300_000;

const utf8Width = (codePoint: number): number =>
  codePoint < 0x80 ? 1 : codePoint < 0x800 ? 2 : codePoint < 0x10000 ? 3 : 4;

export function splitText(text: string, budget: number = PART_BYTES): string[] {
  // A UTF-16 code unit never takes more than 3 bytes in UTF-8, so short texts
  // need no walk at all.
  if (text.length * 3 <= budget) return [text];
  const parts: string[] = [];
  let start = 0;
  let bytes = 0;
  for (let i = 0; i < text.length; ) {
    const codePoint = text.codePointAt(i)!;
    const width = utf8Width(codePoint);
    if (bytes + width > budget) {
      parts.push(text.slice(start, i));
      start = i;
      bytes = 0;
    }
    bytes += width;
    i += codePoint > 0xffff ? 2 : 1;
  }
  parts.push(text.slice(start));
  return parts;
}
