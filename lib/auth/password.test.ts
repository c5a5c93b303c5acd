import { describe, expect, it } from "vitest";
import { burnPasswordCheck, hashPassword, verifyPassword } from "./password";

describe("password hashing", () => {
  it("verifies the right password and rejects others", async () => {
    const hash = await hashPassword("correct horse battery staple");
    expect(hash).toMatch(/^scrypt\$32768\$8\$1\$[\w-]+\$[\w-]+$/);
    expect(hash).not.toContain("correct horse");
    expect(await verifyPassword("correct horse battery staple", hash)).toBe(true);
    expect(await verifyPassword("correct horse battery stapler", hash)).toBe(false);
    expect(await verifyPassword("", hash)).toBe(false);
  });

  it("salts every hash", async () => {
    expect(await hashPassword("same password")).not.toBe(await hashPassword("same password"));
  });

  it("treats malformed stored hashes as a mismatch rather than throwing", async () => {
    for (const stored of ["", "plain", "scrypt$x$8$1$a$b", "bcrypt$1$2$3$4$5"]) {
      expect(await verifyPassword("anything", stored)).toBe(false);
    }
    expect(await burnPasswordCheck("anything")).toBe(false);
  });
});
