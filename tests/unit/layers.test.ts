// The house rules as a test: each floor imports only from the floors below it (CONTRIBUTING.md).
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const ROOT = path.resolve(import.meta.dirname, "../..");

function sources(dir: string): string[] {
  const out: string[] = [];
  for (const entry of fs.readdirSync(path.join(ROOT, dir), { withFileTypes: true })) {
    const rel = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...sources(rel));
    else if (/\.(ts|tsx)$/.test(entry.name)) out.push(rel);
  }
  return out;
}

/** Every module a file imports (static, dynamic and re-exports), as written. */
function importsOf(file: string): string[] {
  const text = fs.readFileSync(path.join(ROOT, file), "utf8");
  const found = [
    ...text.matchAll(/(?:import|export)\s[^'"]*?from\s+["']([^"']+)["']/g),
    ...text.matchAll(/import\s*\(\s*["']([^"']+)["']\s*\)/g),
    ...text.matchAll(/^import\s+["']([^"']+)["']/gm),
  ].map((m) => m[1]!);
  // Relative imports as project paths ("@/lib/…"), so one rule covers both spellings.
  return found.map((spec) =>
    spec.startsWith(".")
      ? `@/${path.relative(ROOT, path.resolve(path.dirname(path.join(ROOT, file)), spec))}`
      : spec,
  );
}

/** Files under `dir` that import a module matching `forbidden`, with what they import. */
function violations(dir: string, forbidden: RegExp): string[] {
  return sources(dir).flatMap((file) =>
    importsOf(file)
      .filter((spec) => forbidden.test(spec))
      .map((spec) => `${file} → ${spec}`),
  );
}

describe("layers", () => {
  it("lib/core knows nothing of Next.js, React or the faces above it", () => {
    expect(
      violations(
        "lib/core",
        /^(next|next-auth|react)(\/|$)|^@\/(app|server|lib\/(http|auth|server))(\/|$)/,
      ),
    ).toEqual([]);
  });

  it("nothing in lib/ or db/ reaches up into app/ or the front server", () => {
    expect(violations("lib", /^@\/(app|server)(\/|$)/)).toEqual([]);
    expect(violations("db", /^@\/(app|server|lib\/(core|http|auth|server))(\/|$)/)).toEqual([]);
  });

  it("lib/core has no dynamic import and no import loop", () => {
    const dynamic = sources("lib/core").filter((file) =>
      /\bimport\s*\(/.test(fs.readFileSync(path.join(ROOT, file), "utf8")),
    );
    expect(dynamic).toEqual([]);

    // Value imports only: `import type` is erased and cannot form a loop at run time.
    const graph = new Map(
      sources("lib/core").map((file) => {
        const text = fs.readFileSync(path.join(ROOT, file), "utf8");
        const specs = [
          ...text.matchAll(/^(?:import|export)\s+(?!type\s)[^;]*?from\s+["']([^"']+)["']/gms),
        ].map((m) => m[1]!);
        const targets = specs
          .map((spec) =>
            spec.startsWith(".")
              ? path.relative(ROOT, path.resolve(path.dirname(path.join(ROOT, file)), spec))
              : spec.replace(/^@\//, ""),
          )
          .flatMap((base) => [`${base}.ts`, `${base}/index.ts`])
          .filter(
            (candidate) =>
              candidate.startsWith("lib/core/") && fs.existsSync(path.join(ROOT, candidate)),
          );
        return [file, targets];
      }),
    );
    const loops: string[] = [];
    const visit = (file: string, trail: string[]) => {
      for (const next of graph.get(file) ?? []) {
        if (next === trail[0]) loops.push([...trail, next].join(" → "));
        else if (!trail.includes(next) && next > trail[0]!) visit(next, [...trail, next]);
      }
    };
    for (const file of graph.keys()) visit(file, [file]);
    expect(loops).toEqual([]);
  });

  it("the building blocks under lib/ stay below the domain", () => {
    for (const dir of ["lib/crypto", "lib/egress", "lib/oauth", "lib/catalog", "lib/actions"]) {
      expect(violations(dir, /^@\/lib\/(core|http|auth|server)(\/|$)/), dir).toEqual([]);
    }
  });
});
