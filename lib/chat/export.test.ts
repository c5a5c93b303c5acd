import { describe, expect, it } from "vitest";
import { attachmentHeader, exportBaseName, IMPORT_LIMITS, parseImport, toJsonExport, toMarkdown } from "./export";

const conversation = {
  title: "Trip to Kyoto",
  createdAt: new Date("2026-10-01T08:00:00.000Z"),
  updatedAt: new Date("2026-10-01T08:05:00.000Z"),
};

const messages = [
  {
    role: "user" as const,
    content: "Plan **three** days.\n\n- temples\n- food",
    status: "complete" as const,
    errorKind: null,
    model: null,
    usage: null,
    createdAt: new Date("2026-10-01T08:00:00.000Z"),
  },
  {
    role: "assistant" as const,
    content: "Day 1: Fushimi Inari.",
    status: "stopped" as const,
    errorKind: null,
    model: "gpt-4o-mini",
    usage: { promptTokens: 12, completionTokens: 7 },
    createdAt: new Date("2026-10-01T08:00:02.000Z"),
  },
  {
    role: "assistant" as const,
    content: "",
    status: "error" as const,
    errorKind: "rate_limit" as const,
    model: "gpt-4o-mini",
    usage: null,
    createdAt: new Date("2026-10-01T08:05:00.000Z"),
  },
];

const exported = () => JSON.parse(JSON.stringify(toJsonExport(conversation, messages, new Date("2026-11-22T00:00:00Z"))));

describe("JSON export and import", () => {
  it("writes the versioned format", () => {
    const file = exported();
    expect(file).toMatchObject({ format: "parley.conversation", version: 1, title: "Trip to Kyoto", exportedAt: "2026-11-22T00:00:00.000Z" });
    expect(file.messages[1]).toEqual({
      role: "assistant",
      content: "Day 1: Fushimi Inari.",
      status: "stopped",
      errorKind: null,
      model: "gpt-4o-mini",
      usage: { promptTokens: 12, completionTokens: 7 },
      createdAt: "2026-10-01T08:00:02.000Z",
    });
  });

  it("reads back what it wrote", () => {
    const result = parseImport(exported());
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value).toEqual({ ...conversation, messages });
  });

  it("refuses files that are not ours, or from a newer version", () => {
    for (const input of [null, 42, "text", [], {}, { format: "chatgpt" }, { ...exported(), format: "parley.settings" }]) {
      expect(parseImport(input)).toEqual({ ok: false, problem: { code: "not_parley" } });
    }
    expect(parseImport({ ...exported(), version: 2 })).toEqual({ ok: false, problem: { code: "unsupported_version", version: "2" } });
    expect(parseImport({ ...exported(), version: undefined })).toEqual({ ok: false, problem: { code: "unsupported_version", version: "?" } });
  });

  it("names the first broken field", () => {
    const broken = (patch: (file: ReturnType<typeof exported>) => void) => {
      const file = exported();
      patch(file);
      const result = parseImport(file);
      expect(result.ok).toBe(false);
      return result.ok ? null : result.problem;
    };
    expect(broken((f) => (f.title = "   "))).toMatchObject({ code: "invalid", path: "title" });
    expect(broken((f) => (f.title = "x".repeat(201)))).toMatchObject({ code: "invalid", path: "title" });
    expect(broken((f) => (f.createdAt = "yesterday"))).toMatchObject({ code: "invalid", path: "createdAt" });
    expect(broken((f) => (f.messages = "lots"))).toMatchObject({ code: "invalid", path: "messages" });
    expect(broken((f) => (f.messages[0].role = "system"))).toMatchObject({ code: "invalid", path: "messages.0.role" });
    expect(broken((f) => (f.messages[1].status = "streaming"))).toMatchObject({ code: "invalid", path: "messages.1.status" });
    expect(broken((f) => (f.messages[2].errorKind = "meltdown"))).toMatchObject({ code: "invalid", path: "messages.2.errorKind" });
    expect(broken((f) => (f.messages[1].usage = { promptTokens: -1, completionTokens: 0 }))).toMatchObject({
      code: "invalid",
      path: "messages.1.usage.promptTokens",
    });
    expect(broken((f) => (f.messages[0].content = { html: "<script>" }))).toMatchObject({ code: "invalid", path: "messages.0.content" });
    expect(broken((f) => (f.messages[0].content = "x".repeat(IMPORT_LIMITS.contentLength + 1)))).toMatchObject({
      code: "invalid",
      path: "messages.0.content",
    });
    expect(broken((f) => delete f.messages[0].createdAt)).toMatchObject({ code: "invalid", path: "messages.0.createdAt" });
  });

  it("caps the number of messages before validating each", () => {
    const file = exported();
    file.messages = Array.from({ length: IMPORT_LIMITS.messages + 1 }, () => file.messages[0]);
    expect(parseImport(file)).toEqual({ ok: false, problem: { code: "too_many_messages", limit: IMPORT_LIMITS.messages } });
  });

  it("ignores unknown fields and prototype tricks, trims the title and repairs inconsistent data", () => {
    const file = JSON.parse(
      JSON.stringify({ ...exported(), title: "  Kyoto  ", extra: 1 }).replace('"extra":1', '"extra":1,"__proto__":{"polluted":true}'),
    );
    file.updatedAt = "2020-01-01T00:00:00Z";
    file.messages[2].errorKind = undefined;
    file.messages[0].errorKind = "timeout";
    const result = parseImport(file);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value.title).toBe("Kyoto");
    expect(result.value).not.toHaveProperty("extra");
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    // Activity is never before the last message.
    expect(result.value.updatedAt).toEqual(new Date("2026-10-01T08:05:00.000Z"));
    // An error keeps a kind; anything else has none.
    expect(result.value.messages[2].errorKind).toBe("provider");
    expect(result.value.messages[0].errorKind).toBeNull();
  });

  it("accepts an empty conversation and timestamps with offsets", () => {
    const result = parseImport({ ...exported(), messages: [], createdAt: "2026-10-01T10:00:00+02:00" });
    expect(result.ok && result.value.createdAt.toISOString()).toBe("2026-10-01T08:00:00.000Z");
  });
});

describe("Markdown export", () => {
  it("has the title, each message under its author, and how replies ended", () => {
    const markdown = toMarkdown({ ...conversation, title: "Trip\nto Kyoto" }, messages);
    expect(markdown).toBe(
      [
        "# Trip to Kyoto",
        "## You",
        "Plan **three** days.\n\n- temples\n- food",
        "## Assistant · gpt-4o-mini",
        "Day 1: Fushimi Inari.",
        "*Stopped*",
        "## Assistant · gpt-4o-mini",
        "*This reply failed*",
      ].join("\n\n") + "\n",
    );
  });

  it("speaks the reader's language", () => {
    const markdown = toMarkdown(conversation, messages.slice(0, 2), { you: "你", assistant: "助手", stopped: "已停止", failed: "失败", thinking: "思考过程" });
    expect(markdown).toContain("## 你\n");
    expect(markdown).toContain("## 助手 · gpt-4o-mini\n");
    expect(markdown).toContain("*已停止*");
  });
});

describe("file names", () => {
  it("come from the title, safe for any file system", () => {
    expect(exportBaseName("Trip to Kyoto")).toBe("Trip to Kyoto");
    expect(exportBaseName('a/b\\c:d*e?"f<g>h|i')).toBe("a b c d e f g h i");
    expect(exportBaseName("../../etc/passwd")).toBe("etc passwd");
    expect(exportBaseName("  ...  ")).toBe("conversation");
    expect(exportBaseName("line\nbreak\u0000")).toBe("line break");
    expect(exportBaseName("京都旅行")).toBe("京都旅行");
    expect(Array.from(exportBaseName("長".repeat(300)))).toHaveLength(80);
  });

  it("go into a Content-Disposition header with a UTF-8 name and an ASCII fallback", () => {
    expect(attachmentHeader("Trip to Kyoto.md")).toBe(`attachment; filename="Trip to Kyoto.md"; filename*=UTF-8''Trip%20to%20Kyoto.md`);
    expect(attachmentHeader("京都 (1).json")).toBe(`attachment; filename="__ (1).json"; filename*=UTF-8''%E4%BA%AC%E9%83%BD%20%281%29.json`);
  });
});

describe("a reply's reasoning in exports", () => {
  const thought = {
    role: "assistant" as const,
    content: "Take the bus.",
    status: "complete" as const,
    errorKind: null,
    model: "gpt-5",
    usage: { promptTokens: 10, completionTokens: 80, reasoningTokens: 50 },
    reasoning: { text: "Compare routes.\nThe bus is faster.", durationMs: 4_000 },
    createdAt: new Date("2026-10-01T08:06:00.000Z"),
  };

  it("is left out unless asked for; its tokens are always counted", () => {
    const file = toJsonExport(conversation, [thought]);
    expect(file.messages[0]).not.toHaveProperty("reasoning");
    expect(file.messages[0].usage).toEqual({ promptTokens: 10, completionTokens: 80, reasoningTokens: 50 });
    expect(toMarkdown(conversation, [thought])).not.toContain("Compare routes");
  });

  it("is written when asked for, and imports back", () => {
    const file = JSON.parse(JSON.stringify(toJsonExport(conversation, [thought], new Date(), { reasoning: true })));
    expect(file.messages[0].reasoning).toEqual({ text: "Compare routes.\nThe bus is faster.", durationMs: 4_000 });
    const result = parseImport(file);
    expect(result.ok && result.value.messages[0]).toMatchObject({ reasoning: { text: "Compare routes.\nThe bus is faster." }, usage: { reasoningTokens: 50 } });
    expect(toMarkdown(conversation, [thought], undefined, { reasoning: true })).toContain(
      "## Assistant · gpt-5\n\n> **Thinking**\n>\n> Compare routes.\n> The bus is faster.\n\nTake the bus.",
    );
  });
});
