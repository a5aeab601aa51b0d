// Every v3.1 route takes its entry from the operation table (lib/http/v3-operations.ts) through
// `apiOperation`, at the file path the entry names, and every entry is served; the generated
// document refuses answers that stray from the declared response (tests/e2e/api-operations.spec.ts
// checks the real answers against it).
import fs from "node:fs";
import path from "node:path";
import { Ajv2020 } from "ajv/dist/2020.js";
import { describe, expect, it } from "vitest";
import { openApiDocument } from "@/lib/http/openapi";
import * as operations from "@/lib/http/v3-operations";
import { V3_OPERATIONS } from "@/lib/http/v3-operations";

const ROOT = path.join(process.cwd(), "app/api/v3.1");

function routeFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return routeFiles(full);
    return e.name === "route.ts" ? [full] : [];
  });
}

/** app/api/v3.1/tools/[slug]/route.ts → /api/v3.1/tools/{slug} */
const templateOf = (file: string) =>
  `/api/v3.1/${path.relative(ROOT, path.dirname(file))}`
    .replace(/\[(\w+)\]/g, "{$1}")
    .replace(/\/$/, "");

describe("v3.1 operations", () => {
  const served = new Map<string, string>();

  it("each route handler is `apiOperation(<declared operation>)` at the declared method and path", () => {
    const byName = operations as unknown as Record<string, { method: string; path: string }>;
    for (const file of routeFiles(ROOT)) {
      const source = fs.readFileSync(file, "utf8");
      const handlers = [
        ...source.matchAll(
          /export (?:const|async function|function) (GET|POST|PATCH|PUT|DELETE)\b/g,
        ),
      ].map((m) => m[1]!);
      expect(handlers.length, file).toBeGreaterThan(0);
      // Imported names may be aliased (`proxyRequest as proxyOperation`).
      const aliases = new Map<string, string>();
      for (const [, list] of source.matchAll(
        /import \{([^}]+)\} from "@\/lib\/http\/v3-operations"/g,
      ))
        for (const part of list!.split(",")) {
          const [name, alias] = part.trim().split(/\s+as\s+/);
          if (name) aliases.set(alias ?? name, name);
        }
      for (const method of handlers) {
        const match = new RegExp(`export const ${method} = apiOperation\\(\\s*(\\w+)`).exec(source);
        const op = match ? byName[aliases.get(match[1]!) ?? ""] : undefined;
        if (!op) {
          // Only the public document itself is served without the wrapper.
          expect(templateOf(file), `${method} in ${file} uses apiOperation`).toBe(
            operations.getOpenApiDocument.path,
          );
          served.set(`GET ${operations.getOpenApiDocument.path}`, file);
          continue;
        }
        expect(`${op.method.toUpperCase()} ${op.path}`, file).toBe(`${method} ${templateOf(file)}`);
        served.set(`${method} ${op.path}`, file);
      }
    }
  });

  it("every declared operation is served by a route and documented", () => {
    const doc = openApiDocument() as { paths: Record<string, Record<string, unknown>> };
    for (const op of V3_OPERATIONS) {
      const key = `${op.method.toUpperCase()} ${op.path}`;
      expect(served.get(key), `${key} has a route`).toBeTruthy();
      expect(doc.paths[op.path]?.[op.method], `${key} is documented`).toBeDefined();
    }
    expect(served.size).toBe(V3_OPERATIONS.length);
  });

  it("lists every tag its operations use, once each", () => {
    const doc = openApiDocument() as {
      tags: { name: string }[];
      paths: Record<string, Record<string, { tags: string[] }>>;
    };
    const declared = doc.tags.map((t) => t.name);
    expect(new Set(declared).size).toBe(declared.length);
    const used = Object.values(doc.paths).flatMap((ops) =>
      Object.values(ops).flatMap((o) => o.tags),
    );
    expect([...new Set(used)].filter((t) => !declared.includes(t))).toEqual([]);
    expect(declared).toEqual(expect.arrayContaining(["Webhooks", "Tool router (MCP)", "Entities"]));
  });

  it("the document's response schemas refuse a missing or an undeclared field", () => {
    const doc = openApiDocument() as { components: { schemas: Record<string, object> } };
    const validate = new Ajv2020({ strict: false }).compile(
      doc.components.schemas.SetConnectedAccountStatusResponse!,
    );
    expect(validate({ success: true })).toBe(true);
    expect(validate({ success: true, extra: 1 })).toBe(false);
    expect(validate({})).toBe(false);
    const page = new Ajv2020({ strict: false }).compile(
      doc.components.schemas.ListConnectedAccountsResponse!,
    );
    expect(
      page({ items: [], next_cursor: null, total_pages: 1, current_page: 1, total_items: 0 }),
    ).toBe(true);
    expect(
      page({
        items: [{ id: "ca_x" }],
        next_cursor: null,
        total_pages: 1,
        current_page: 1,
        total_items: 1,
      }),
    ).toBe(false);
  });
});
