// Regenerates lib/actions/generated/github.json from GitHub's OpenAPI description
// (@octokit/openapi, a dev dependency). Run: npx tsx scripts/generate-actions.ts
// The output is committed; the server only reads it, lazily, on first use of the github app.
import { mkdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { generateActionsWithReport, type OpenAPI3Document } from "../lib/actions/generate";
import { GITHUB_ACTIONS_FILE, serializeActionFile } from "../lib/actions/registry";

const root = path.resolve(import.meta.dirname, "..");
const specPath = path.join(root, "node_modules/@octokit/openapi/generated/api.github.com.json");
const pkg = JSON.parse(
  readFileSync(path.join(root, "node_modules/@octokit/openapi/package.json"), "utf8"),
) as { version: string };

const started = performance.now();
const doc = JSON.parse(readFileSync(specPath, "utf8")) as OpenAPI3Document;
const { actions, skipped } = generateActionsWithReport("github", doc);
const out = path.join(root, GITHUB_ACTIONS_FILE);
mkdirSync(path.dirname(out), { recursive: true });
writeFileSync(out, serializeActionFile(`@octokit/openapi@${pkg.version}`, actions));

const mb = (statSync(out).size / 1024 / 1024).toFixed(2);
console.log(`${actions.length} actions → ${path.relative(root, out)} (${mb} MB)`);
for (const s of skipped) console.log(`skipped ${s.method} ${s.path} "${s.summary}": ${s.reason}`);
console.log(`done in ${Math.round(performance.now() - started)} ms`);
