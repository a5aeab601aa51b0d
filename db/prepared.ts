// Hot queries built once per database handle: drizzle then skips building the SQL on every call.
import type { Db } from "./index";

const byDb = new WeakMap<Db, Map<string, unknown>>();

/** The statement `build` makes for this handle, built on first use and kept with the handle. */
export function prepared<T>(db: Db, name: string, build: (db: Db, name: string) => T): T {
  let statements = byDb.get(db);
  if (!statements) byDb.set(db, (statements = new Map<string, unknown>()));
  if (!statements.has(name)) statements.set(name, build(db, name));
  return statements.get(name) as T;
}
