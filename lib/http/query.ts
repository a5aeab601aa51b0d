// Query-string helpers: lists may come repeated (?a=1&a=2), comma-joined (?a=1,2) or bracketed (?a[]=1).
import { z } from "zod";
export function listParam(q: URLSearchParams, ...names: string[]): string[] | undefined {
  const values = names
    .flatMap((n) => [...q.getAll(n), ...q.getAll(`${n}[]`)])
    .flatMap((v) => v.split(","));
  const clean = values.map((v) => v.trim()).filter(Boolean);
  return clean.length ? clean : undefined;
}

export function boolParam(q: URLSearchParams, name: string): boolean | undefined {
  const v = q.get(name);
  if (v === null || v === "") return undefined;
  return v === "true" || v === "1";
}

/** A list in the query string: repeated (?a=1&a=2), comma-joined (?a=1,2) or bracketed (?a[]=1). */
export function csvList(description: string) {
  return z
    .union([z.string().max(2000), z.array(z.string().max(2000)).max(100)])
    .transform((v) => {
      const items = [v]
        .flat()
        .flatMap((s) => s.split(","))
        .map((s) => s.trim())
        .filter(Boolean);
      return items.length ? items : undefined;
    })
    .optional()
    .describe(`${description}; a comma-separated list, or the parameter repeated`);
}
