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

  it("the building blocks under lib/ stay below the domain", () => {
    for (const dir of ["lib/crypto", "lib/egress", "lib/oauth", "lib/catalog", "lib/actions"]) {
      expect(violations(dir, /^@\/lib\/(core|http|auth|server)(\/|$)/), dir).toEqual([]);
    }
  });
});
