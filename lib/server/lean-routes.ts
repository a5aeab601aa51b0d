// The lean path (issue 16): hot machine-facing routes the front server (server/lean.ts) answers
// without Next's router. The table is built and published from inside Next's bundle
// (instrumentation.ts), so its handlers are the route modules Next compiled — the same
// runtime, database handle, caches and execution-log writer as every other route (all of which
// live on globalThis). The front server runs outside the bundle (tsx) and only reads this slot;
// until it is filled (or when it is switched off) every request goes to Next.

/** A route handler as Next calls it: a web Request and the decoded path parameters. */
export type LeanHandler = (
  req: Request,
  ctx: { params: Promise<Record<string, string>> },
) => Promise<Response> | Response;

export interface LeanRoute {
  /** Path template, `{name}` for one path segment (decoded), e.g. /api/v2/actions/{name}/execute. */
  path: string;
  /**
   * Handlers by HTTP method — a route module's own exports (`import * as route from …/route`).
   * Methods it does not export (HEAD, OPTIONS, a 405) are left to Next.
   */
  handlers: Partial<Record<string, unknown>>;
}

const g = globalThis as unknown as { __keyportLean?: readonly LeanRoute[] };

/** Publish the table (instrumentation.ts, once the runtime has started). */
export function publishLeanRoutes(routes: readonly LeanRoute[]): void {
  g.__keyportLean = routes;
}

/** The published table, or undefined before start-up finished or when the lean path is off. */
export function publishedLeanRoutes(): readonly LeanRoute[] | undefined {
  return g.__keyportLean;
}

/** Whether the lean path serves: on in production, off under `npm run dev` unless KEYPORT_LEAN=on. */
export function leanEnabled(value: string | undefined, dev: boolean): boolean {
  if (value === "on" || value === "1" || value === "true") return true;
  if (value === "off" || value === "0" || value === "false") return false;
  return !dev;
}
