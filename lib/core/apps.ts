// Catalog lookups in the context of this server (the sandbox apps exist only while the sandbox runs).
import { actionCount } from "@/lib/actions/registry";
import { fillTemplate, getApp, listApps } from "@/lib/catalog";
import type { AppDef, AuthScheme, AuthSchemeDef } from "@/lib/catalog/types";
import type { Deps } from "./deps";
import { AppError } from "./errors";

/** Every app of the catalog available here. */
export function availableApps(deps: Pick<Deps, "sandboxOrigin">): AppDef[] {
  return listApps({ sandboxOrigin: deps.sandboxOrigin });
}

/** How many actions each available app has (0 for an app without actions), by app key. */
export async function actionCountsByApp(
  deps: Pick<Deps, "sandboxOrigin">,
): Promise<Map<string, number>> {
  const opts = { sandboxOrigin: deps.sandboxOrigin };
  const apps = availableApps(deps);
  const counts = await Promise.all(apps.map((a) => actionCount(a.key, opts)));
  return new Map(apps.map((a, i) => [a.key, counts[i]!]));
}

/** One app, or a 404 naming it. */
export function requireApp(deps: Pick<Deps, "sandboxOrigin">, key: string): AppDef {
  const app = getApp(key.toLowerCase(), { sandboxOrigin: deps.sandboxOrigin });
  if (!app) throw new AppError("not_found", `App "${key}" is not in the catalog`);
  return app;
}

/** The app's test action (a cheap "who am I" read), or null when it has none here. */
export function testActionFor(deps: Pick<Deps, "sandboxOrigin">, key: string): string | null {
  return getApp(key, { sandboxOrigin: deps.sandboxOrigin })?.testAction ?? null;
}

/** The app's definition of a scheme (default: its first), or a 400. */
export function requireScheme(app: AppDef, mode?: string): AuthSchemeDef {
  const scheme = mode
    ? app.authSchemes.find((s) => s.mode === mode.toUpperCase())
    : app.authSchemes[0];
  if (!scheme) {
    const modes = app.authSchemes.map((s) => s.mode).join(", ");
    throw new AppError(
      "bad_request",
      `App "${app.key}" does not support auth scheme ${mode}; it supports ${modes}`,
    );
  }
  return scheme;
}

export const REDIRECT_SCHEMES: ReadonlySet<AuthScheme> = new Set(["OAUTH2", "OAUTH1"]);

/** Fill an app URL template with per-connection values; a bad value is a readable 400. */
export function fillUrl(template: string, app: AppDef, values: Record<string, string>): string {
  try {
    return fillTemplate(template, app, values);
  } catch (err) {
    throw new AppError("bad_request", (err as Error).message);
  }
}
