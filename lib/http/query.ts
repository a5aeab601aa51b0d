// Query-string helpers: lists may come repeated (?a=1&a=2), comma-joined (?a=1,2) or bracketed (?a[]=1).
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
