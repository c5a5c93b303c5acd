import { describe, expect, it } from "vitest";
import { insertByDate } from "./summaries";

describe("insertByDate", () => {
  const c = (id: string, updatedAt: string) => ({ id, updatedAt });
  const list = [c("a", "2026-11-22T10:00:00Z"), c("b", "2026-11-21T10:00:00Z"), c("c", "2026-10-01T10:00:00Z")];

  it("puts a conversation where its date belongs, newest first", () => {
    expect(insertByDate(list, c("n", "2026-11-23T00:00:00Z")).map((x) => x.id)).toEqual(["n", "a", "b", "c"]);
    expect(insertByDate(list, c("n", "2026-11-01T00:00:00Z")).map((x) => x.id)).toEqual(["a", "b", "n", "c"]);
    expect(insertByDate(list, c("n", "2020-01-01T00:00:00Z")).map((x) => x.id)).toEqual(["a", "b", "c", "n"]);
    expect(insertByDate(list, c("n", "2026-11-21T10:00:00Z")).map((x) => x.id)).toEqual(["a", "b", "n", "c"]);
    expect(insertByDate([], c("n", "2026-11-21T10:00:00Z")).map((x) => x.id)).toEqual(["n"]);
  });

  it("moves one already listed instead of listing it twice", () => {
    expect(insertByDate(list, c("c", "2026-11-23T00:00:00Z")).map((x) => x.id)).toEqual(["c", "a", "b"]);
    expect(list.map((x) => x.id)).toEqual(["a", "b", "c"]);
  });
});
