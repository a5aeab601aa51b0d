// `npm run catalog:check`: the schema lint (lib/actions/lint.ts) over every action of every app,
// the catalog counts, and every app's provenance. Exits 1 on any problem.
import { listApps } from "../lib/catalog";
import { lintActions } from "../lib/actions/lint";
import { appsWithActions, getAppActions } from "../lib/actions/registry";

async function main(): Promise<void> {
  const started = performance.now();
  const apps = listApps();
  const keys = appsWithActions();
  const actions = (await Promise.all(keys.map((key) => getAppActions(key)))).flat();
  const problems = lintActions(actions);
  for (const app of apps) {
    if (!app.provenance?.source)
      problems.push({ action: app.key, problem: "app without provenance" });
  }
  for (const { action, problem } of problems.slice(0, 5000)) console.log(`${action}: ${problem}`);
  const oauth = apps.filter((a) => a.authSchemes.some((s) => s.mode.startsWith("OAUTH"))).length;
  console.log(
    `${apps.length} apps (${oauth} OAuth), ${actions.length} actions in ${keys.length} apps, ` +
      `${problems.length} problems, ${Math.round(performance.now() - started)} ms`,
  );
  if (problems.length) process.exitCode = 1;
}

void main();
