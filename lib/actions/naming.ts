// Action names: APP + "_" + the operation summary upper-snake-cased (DESIGN.md "Catalog"), with a
// deterministic rule for the summaries an API uses more than once.

/** "Create an issue" → "CREATE_AN_ISSUE": non-alphanumerics become "_", runs collapse, ends trimmed. */
export function upperSnake(text: string): string {
  return text
    .toUpperCase()
    .replace(/[^A-Z0-9]+/g, "_")
    .replace(/^_+|_+$/g, "");
}

/** The name prefix of an app's actions: "github" → "GITHUB_", "sandbox_key" → "SANDBOX_KEY_". */
export function appPrefix(appKey: string): string {
  return `${upperSnake(appKey)}_`;
}

/** `actionName("github", "Create an issue")` → "GITHUB_CREATE_AN_ISSUE". */
export function actionName(appKey: string, summary: string): string {
  return appPrefix(appKey) + upperSnake(summary);
}

/** What the collision rule needs to know about one operation. */
export interface NamingInput {
  summary: string;
  path: string;
  method: string;
  operationId?: string;
}

// Plural collection segments read better in the singular: "…_FOR_ORG", "…_FOR_REPO".
const SEGMENT_TOKENS: Record<string, string> = {
  orgs: "ORG",
  users: "USER",
  repos: "REPO",
  enterprises: "ENTERPRISE",
};

const byPathThenMethod = (a: NamingInput, b: NamingInput) =>
  compare(a.path, b.path) || compare(a.method.toUpperCase(), b.method.toUpperCase());

/** Plain code-unit comparison: the same order on every machine and locale. */
function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * The token that tells `path` apart from `first` (the colliding operation that kept the plain
 * name): the first path segment where they differ. A literal segment gives "FOR_<SEGMENT>"
 * (`/orgs/{org}/dependabot/secrets` vs `/orgs/{org}/actions/secrets` → "FOR_DEPENDABOT"); a
 * template segment gives its names (`{basehead}` → "BASEHEAD"). Empty when nothing differs.
 */
export function distinguishingToken(first: string, path: string): string {
  const a = first.split("/").filter(Boolean);
  const b = path.split("/").filter(Boolean);
  for (let i = 0; i < b.length; i++) {
    const seg = b[i] ?? "";
    if (seg === a[i]) continue;
    if (seg.includes("{")) return upperSnake(seg.replace(/[{}]/g, " "));
    return `FOR_${SEGMENT_TOKENS[seg] ?? upperSnake(seg)}`;
  }
  return "";
}

/**
 * One unique name per operation, in input order. Operations whose summaries give the same name
 * are sorted by (path, method): the first keeps the plain name, each other one gets
 * `_<distinguishing token>` (see distinguishingToken), else `_<OPERATION_ID>`, else `_<METHOD>`,
 * else a counter. The result depends only on the operations, never on the input order, so it is
 * identical on every run.
 */
export function assignActionNames(appKey: string, ops: readonly NamingInput[]): string[] {
  const names: string[] = new Array<string>(ops.length);
  const groups = new Map<string, number[]>();
  ops.forEach((op, i) => {
    const base = actionName(appKey, op.summary);
    const group = groups.get(base);
    if (group) group.push(i);
    else groups.set(base, [i]);
  });

  const used = new Set<string>();
  const pending: { base: string; first: NamingInput; index: number }[] = [];
  for (const [base, members] of groups) {
    const sorted = [...members].sort((x, y) => byPathThenMethod(ops[x]!, ops[y]!));
    const [head, ...rest] = sorted;
    if (head === undefined) continue;
    names[head] = base;
    used.add(base);
    for (const index of rest) pending.push({ base, first: ops[head]!, index });
  }

  // Suffixed names are chosen in a fixed order too, so a rare second-level clash resolves the same way.
  pending.sort((x, y) => compare(x.base, y.base) || byPathThenMethod(ops[x.index]!, ops[y.index]!));
  for (const { base, first, index } of pending) {
    const op = ops[index]!;
    const candidates = [
      distinguishingToken(first.path, op.path),
      upperSnake(op.operationId ?? ""),
      upperSnake(op.method),
    ]
      .filter((token) => token !== "")
      .map((token) => `${base}_${token}`);
    let name = candidates.find((candidate) => !used.has(candidate));
    for (let n = 2; name === undefined; n++) {
      if (!used.has(`${base}_${n}`)) name = `${base}_${n}`;
    }
    names[index] = name;
    used.add(name);
  }
  return names;
}
