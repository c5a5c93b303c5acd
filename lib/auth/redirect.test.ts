import { describe, expect, it } from "vitest";
import { safeRedirect } from "./redirect";

describe("the way back after signing in", () => {
  it.each([
    ["/", "/"],
    ["/c/5a0e7c44-2b8f-4c1e-9d3a-7e6f5a4b3c2d", "/c/5a0e7c44-2b8f-4c1e-9d3a-7e6f5a4b3c2d"],
    ["/admin/users?q=ada%2Fbo#top", "/admin/users?q=ada%2Fbo#top"],
    ["/c/1?next=//evil.example", "/c/1?next=//evil.example"],
    ["/settings/../admin", "/admin"],
    // Looks like user info before a host, but after one slash it is only a path.
    ["/@evil.example", "/@evil.example"],
  ])("keeps the site path %j as %j", (input, expected) => {
    expect(safeRedirect(input)).toBe(expected);
  });

  it.each([
    ["absolute URL", "https://evil.example/"],
    ["scheme-relative", "//evil.example"],
    ["three slashes", "///evil.example"],
    ["slash, backslash", "/\\evil.example"],
    ["backslash, slash", "\\/evil.example"],
    ["two backslashes", "\\\\evil.example"],
    ["slash, tab, slash", "/\t/evil.example"],
    ["slash, newline, slash", "/\n/evil.example"],
    ["slash, carriage return, slash", "/\r/evil.example"],
    ["tab before the slashes", "\t//evil.example"],
    ["encoded slash", "/%2F/evil.example"],
    ["encoded slash, lower case", "/%2f%2fevil.example"],
    ["encoded backslash", "/%5C/evil.example"],
    ["dot segments into two slashes", "/a/..//evil.example"],
    ["dot segment into two slashes", "/.//evil.example"],
    ["javascript scheme", "javascript:alert(1)"],
    ["data scheme", "data:text/html,<script>alert(1)</script>"],
    ["relative path", "evil.example"],
    ["empty", ""],
    ["not a string", ["/c/1"]],
    ["missing", undefined],
  ])("refuses %s", (_shape, input) => {
    expect(safeRedirect(input)).toBe("/");
  });
});
