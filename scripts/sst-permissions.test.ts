import { readFileSync } from "node:fs";
import ts from "typescript";
import { describe, expect, it } from "vitest";
import { BUCKET_ACTIONS, OBJECT_ACTIONS } from "@/lib/blobs/permissions";
import { INDEX_ACTIONS, TABLE_ACTIONS } from "@/lib/store/dynamo/permissions";

/**
 * What sst.config.ts lets the server function do, read from its source: the
 * config cannot be evaluated here (its globals exist only inside `sst`), and
 * `sst diff` needs AWS credentials.
 */
const path = new URL("../sst.config.ts", import.meta.url);
const source = ts.createSourceFile("sst.config.ts", readFileSync(path, "utf8"), ts.ScriptTarget.Latest, true);

function nodes(): ts.Node[] {
  const all: ts.Node[] = [];
  const visit = (node: ts.Node) => {
    all.push(node);
    ts.forEachChild(node, visit);
  };
  visit(source);
  return all;
}

/** Every value of an `actions` property (SST permissions and `permission()` alike), as written. */
function writtenActions(): { text: string; literal?: string }[] {
  const found: { text: string; literal?: string }[] = [];
  for (const node of nodes()) {
    if (!ts.isPropertyAssignment(node) || node.name.getText(source) !== "actions") continue;
    const list = node.initializer;
    if (!ts.isArrayLiteralExpression(list)) {
      found.push({ text: list.getText(source) });
      continue;
    }
    for (const element of list.elements) {
      found.push({ text: element.getText(source), literal: ts.isStringLiteralLike(element) ? element.text : undefined });
    }
  }
  return found;
}

/** `sst.aws.X` for each `new sst.aws.X(...)` in the config. */
function constructedAwsComponents(): string[] {
  return nodes()
    .filter(ts.isNewExpression)
    .map((node) => node.expression.getText(source))
    .filter((name) => name.startsWith("sst.aws."));
}

/** `sst.aws.X` for each `sst.Linkable.wrap(sst.aws.X, ...)`: links whose SST default is replaced. */
function rewrappedLinks(): Map<string, string> {
  const wraps = new Map<string, string>();
  for (const node of nodes()) {
    if (ts.isCallExpression(node) && node.expression.getText(source) === "sst.Linkable.wrap" && node.arguments.length === 2) {
      wraps.set(node.arguments[0].getText(source), node.arguments[1].getText(source));
    }
  }
  return wraps;
}

// The components that run the server rather than being linked to it; their
// own permissions are still checked through `actions` below.
const COMPUTE = new Set(["sst.aws.Nextjs"]);

describe("the permissions sst.config.ts gives the server function", () => {
  it("name each action: no wildcard anywhere", () => {
    const written = writtenActions();
    for (const action of written) {
      if (action.literal !== undefined) expect(action.literal, action.text).not.toContain("*");
      // Anything else must be one of the audited lists, spread in.
      else expect(["...TABLE_ACTIONS", "...INDEX_ACTIONS", "...OBJECT_ACTIONS", "...BUCKET_ACTIONS"], action.text).toContain(action.text);
    }
    for (const action of [...TABLE_ACTIONS, ...INDEX_ACTIONS, ...OBJECT_ACTIONS, ...BUCKET_ACTIONS]) expect(action).not.toContain("*");
    // An action-shaped string built elsewhere and passed in by name.
    const wildcards = nodes()
      .filter((node) => ts.isStringLiteralLike(node) && /^[a-z0-9-]+:\w*\*/i.test(node.text))
      .map((node) => node.getText(source));
    expect(wildcards).toEqual([]);
  });

  it("replace SST's default link for every linked AWS resource, whose defaults grant `service:*`", () => {
    const wrapped = rewrappedLinks();
    const linked = constructedAwsComponents().filter((component) => !COMPUTE.has(component));
    expect(linked).toContain("sst.aws.Dynamo");
    for (const component of linked) expect([...wrapped.keys()], `${component} keeps SST's default permissions`).toContain(component);
  });

  it("allow the table's item operations on the table and only Query on its indexes", () => {
    const table = rewrappedLinks().get("sst.aws.Dynamo") ?? "";
    expect(table).toMatch(/actions:\s*\[\.\.\.TABLE_ACTIONS\],\s*resources:\s*\[table\.arn\]/);
    expect(table).toMatch(/actions:\s*\[\.\.\.INDEX_ACTIONS\],\s*resources:\s*\[\$interpolate`\$\{table\.arn\}\/index\/\*`\]/);
    // The name is what lib/config reads from the link.
    expect(table).toMatch(/properties:\s*\{\s*name:\s*table\.name\s*\}/);
  });

  it("allow exactly the blob adapter's object actions on the bucket's objects and listing on the bucket", () => {
    const bucket = rewrappedLinks().get("sst.aws.Bucket") ?? "";
    expect(bucket).toMatch(/actions:\s*\[\.\.\.OBJECT_ACTIONS\],\s*resources:\s*\[\$interpolate`\$\{bucket\.arn\}\/\*`\]/);
    expect(bucket).toMatch(/actions:\s*\[\.\.\.BUCKET_ACTIONS\],\s*resources:\s*\[bucket\.arn\]/);
    expect(bucket).toMatch(/properties:\s*\{\s*name:\s*bucket\.name\s*\}/);
    expect([...OBJECT_ACTIONS, ...BUCKET_ACTIONS].sort()).toEqual(["s3:DeleteObject", "s3:GetObject", "s3:ListBucket", "s3:PutObject"]);
  });

  it("keep the attachments bucket private: no public access, uploads only from the app's origin", () => {
    const text = source.getFullText();
    expect(text).toMatch(/new sst\.aws\.Bucket\(LINKED_BUCKET, \{ cors: false, enforceHttps: true \}\)/);
    expect(text).not.toMatch(/access:\s*"public"/);
    expect(text).toMatch(/allowedMethods:\s*\["PUT", "GET"\]/);
    expect(text).not.toMatch(/allowedOrigins:\s*\["\*"\]/);
  });
});
