import { describe, expect, it } from "vitest";

import { PART_BYTES, splitText } from "./text";

// dynalite measures strings in UTF-16 code units, DynamoDB in UTF-8 bytes, so
// the contract run on dynalite cannot catch a part that is too big in bytes;
// these checks do.
const bytes = (text: string) => Buffer.byteLength(text, "utf8");

describe("splitting long text into item-sized parts", () => {
  it("leaves short text whole", () => {
    expect(splitText("")).toEqual([""]);
    expect(splitText("hello")).toEqual(["hello"]);
  });

  it("cuts 1 MB of text of every UTF-8 width into parts within the budget, losing nothing", () => {
    const unit = "a é ✓ 日本語 👩🏽‍💻 𝔘 — ";
    const text = unit.repeat(Math.ceil((1024 * 1024) / bytes(unit)));
    const parts = splitText(text);
    expect(parts.length).toBeGreaterThan(3);
    expect(parts.join("") === text).toBe(true);
    for (const part of parts) expect(bytes(part)).toBeLessThanOrEqual(PART_BYTES);
    // Full parts: as few items as the budget allows.
    for (const part of parts.slice(0, -1)) expect(bytes(part)).toBeGreaterThan(PART_BYTES - 4);
  });

  it("never cuts a surrogate pair in half", () => {
    // Odd budget: a cut by bytes alone would land inside 4-byte characters.
    const text = "x" + "😀".repeat(1000);
    const parts = splitText(text, 4 * 25 + 2);
    expect(parts.join("")).toBe(text);
    for (const part of parts) {
      expect(part).not.toMatch(/^[\uDC00-\uDFFF]|[\uD800-\uDBFF]$/);
      expect(Buffer.from(part, "utf8").toString("utf8")).toBe(part);
    }
  });
});
