// Hostile input never makes the API answer 5xx (issue 11 item 8). Every route handler under
// app/api is discovered now; fast-check puts hostile strings (NUL, control characters, bad
// percent-encoding, lone surrogates, huge strings) and values of the wrong JSON type into its path
// parameters, query string and JSON body. Each answer must be below 500, an error must be JSON
// with a readable message, and a refused write must change nothing the API can count.
import fc from "fast-check";
import { expect, test, type APIRequestContext } from "@playwright/test";
import { BOOTSTRAP_KEY } from "../support/e2e-env";
import { discoverRoutes } from "../support/e2e/security";
import { authConfigId, keyHeaders } from "../support/e2e/api";

// Not ours to shape (Auth.js answers its own routes) or a constant benchmark answer.
const SKIP = ["/api/auth/", "/api/bench/"];
// Answers meant for a browser (HTML pages), where only "no 5xx" applies.
const BROWSER_FACING = ["/api/oauth/callback"];
const RUNS_PER_ROUTE = 5;
const SEED = Number(process.env.FUZZ_SEED ?? 20261104);

// Text with a NUL somewhere: Postgres refuses it in text and jsonb, the commonest 500 of all.
const withNul = fc
  .tuple(fc.string({ maxLength: 12 }), fc.string({ maxLength: 12 }))
  .map(([a, b]) => `${a}\u0000${b}`);

const hostileText = fc.oneof(
  { arbitrary: withNul, weight: 3 },
  fc.constantFrom(
    "\u0000",
    "a\u0000b",
    "ca_\u0000",
    "\r\nX-Injected: 1",
    "\t\u0001\u001f\u007f",
    "%ff",
    "%zz",
    "%",
    "../../../etc/passwd",
    "\ud800",
    "\udfff\ud800",
    "😀".repeat(50),
    "' OR 1=1 --",
    "<script>alert(1)</script>",
    "",
    " ",
    "x".repeat(5000),
    "null",
    "[]",
    "{}",
  ),
  fc.string({ unit: "binary", maxLength: 40 }),
  fc.string({ unit: "binary-ascii", maxLength: 40 }),
);

const wrongType = fc.oneof(
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.array(hostileText, { maxLength: 3 }),
  fc.dictionary(hostileText, hostileText, { maxKeys: 3 }),
);
const hostileValue = fc.oneof(hostileText, hostileText, wrongType);

/** A path segment: the encoded hostile text, or raw encodings no decoder accepts. */
const pathSegment = fc.oneof(
  hostileText.map((s) => {
    try {
      return encodeURIComponent(s) || "x";
    } catch {
      return "%ed%a0%80"; // a lone surrogate, as UTF-8 bytes Node will not decode
    }
  }),
  fc.constantFrom("%ff", "%zz", "%", "%00", "%0d%0a", "a%2f..%2f..", "%c0%ae%c0%ae"),
);

// Query parameter names the API reads somewhere (v3.1, v2, v1 and the dashboard search).
const QUERY_NAMES = [
  "user_ids",
  "toolkit_slugs",
  "toolkit_slug",
  "auth_config_ids",
  "connected_account_ids",
  "statuses",
  "order_by",
  "limit",
  "cursor",
  "q",
  "search",
  "tags",
  "apps",
  "appNames",
  "user_uuid",
  "entityId",
  "integrationId",
  "showActiveOnly",
  "page",
  "pageSize",
  "important",
  "revoke_on_delete",
  "code",
  "state",
  "error",
];

const query = fc.dictionary(fc.constantFrom(...QUERY_NAMES), hostileText, { maxKeys: 4 });

/** Bodies shaped like the API's (so hostile values get past the first checks), or anything at all. */
function body(realAuthConfig: string) {
  const leaf = hostileValue;
  const shaped = fc.record(
    {
      auth_config: fc.oneof(fc.record({ id: fc.oneof(leaf, fc.constant(realAuthConfig)) }), leaf),
      connection: fc.oneof(
        fc.record({ user_id: leaf, callback_url: leaf, state: leaf }, { requiredKeys: [] }),
        leaf,
      ),
      toolkit: fc.oneof(fc.record({ slug: leaf }), leaf),
      user_id: leaf,
      entity_id: leaf,
      auth_config_id: fc.oneof(leaf, fc.constant(realAuthConfig)),
      integrationId: fc.oneof(leaf, fc.constant(realAuthConfig)),
      connected_account_id: leaf,
      name: leaf,
      credentials: fc.oneof(fc.dictionary(hostileText, leaf, { maxKeys: 3 }), leaf),
      scopes: leaf,
      labels: fc.oneof(fc.array(leaf, { maxLength: 3 }), leaf),
      arguments: fc.oneof(fc.dictionary(hostileText, leaf, { maxKeys: 3 }), leaf),
      input: leaf,
      endpoint: leaf,
      method: fc.oneof(fc.constantFrom("GET", "POST", "TRACE"), leaf),
      parameters: fc.oneof(
        fc.array(fc.record({ name: leaf, value: leaf, in: fc.constantFrom("header", "query") }), {
          maxLength: 2,
        }),
        leaf,
      ),
      enabled: leaf,
      type: leaf,
    },
    { requiredKeys: [] },
  );
  return fc.oneof(
    shaped.map((b) => JSON.stringify(b)),
    fc.jsonValue().map((v) => JSON.stringify(v)),
    hostileText, // not JSON at all
  );
}

/** A body shaped like the API's with a NUL in each string a route might store or look up. */
function nulBody(realAuthConfig: string): Record<string, unknown> {
  const n = "n\u0000ul";
  return {
    auth_config: { id: realAuthConfig },
    connection: { user_id: n, callback_url: n, state: n },
    toolkit: { slug: n },
    user_id: n,
    entity_id: n,
    auth_config_id: realAuthConfig,
    integrationId: realAuthConfig,
    connected_account_id: n,
    name: n,
    labels: [n],
    arguments: { title: n },
    endpoint: n,
    method: "GET",
    parameters: [{ name: "X-Test", value: n, in: "header" }],
    enabled: true,
  };
}

/** What the API lets us count, so a refused write can be shown to have changed nothing. */
async function counts(request: APIRequestContext): Promise<string> {
  const accounts = await request.get("/api/v3.1/connected_accounts?limit=1", {
    headers: keyHeaders(),
  });
  const configs = await request.get("/api/v3.1/auth_configs?limit=1000", {
    headers: keyHeaders(),
  });
  expect(accounts.status()).toBe(200);
  expect(configs.status()).toBe(200);
  const a = (await accounts.json()) as { total_items: number };
  const c = (await configs.json()) as { items: unknown[] };
  return `connected_accounts=${a.total_items} auth_configs=${c.items.length}`;
}

/** The readable message of an error body (v3.1 `{error:{message}}` or legacy `{message}`). */
function messageOf(json: unknown): string | undefined {
  const j = json as { error?: { message?: unknown }; message?: unknown };
  const m = j?.error?.message ?? j?.message;
  return typeof m === "string" ? m : undefined;
}

test("every API route answers hostile input with a 4xx and a readable JSON error, writing nothing", async ({
  request,
}) => {
  test.setTimeout(600_000);
  const realAuthConfig = await authConfigId(request, "sandbox");
  const routes = discoverRoutes("api").filter((r) => !SKIP.some((s) => r.template.startsWith(s)));
  expect(routes.length).toBeGreaterThan(20);
  let sent = 0;
  for (const route of routes) {
    for (const method of route.methods) {
      const arbitrary = fc.record({
        segments: fc.array(pathSegment, { minLength: 3, maxLength: 3 }),
        query,
        // Escapes URLSearchParams would never produce.
        rawQuery: fc.constantFrom(
          "",
          "",
          "q=%ff",
          "user_ids=%zz",
          "limit=%",
          "%00=1",
          "cursor=%c0%80",
        ),
        body: body(realAuthConfig),
        keyed: fc.oneof({ arbitrary: fc.constant(true), weight: 3 }, fc.constant(false)),
      });
      // Always tried first, whatever the seed: NUL in every place a value can go.
      const nulEverywhere = {
        segments: ["ca_%00", "%00", "a%00b"],
        query: { user_ids: "a\u0000b", q: "\u0000", cursor: "\u0000", toolkit_slug: "x\u0000" },
        rawQuery: "" as const,
        body: JSON.stringify(nulBody(realAuthConfig)),
        keyed: true,
      };
      await fc.assert(
        fc.asyncProperty(arbitrary, async (input) => {
          const url = fillTemplate(route.template, input.segments, input.query, input.rawQuery);
          const write = method !== "GET";
          const before = write ? await counts(request) : "";
          const res = await request.fetch(url, {
            method,
            headers: {
              ...(input.keyed ? { "x-api-key": BOOTSTRAP_KEY } : {}),
              "content-type": "application/json",
            },
            data: write ? input.body : undefined,
            maxRedirects: 0,
            failOnStatusCode: false,
          });
          sent++;
          const status = res.status();
          const where = `${method} ${url.slice(0, 200)} → ${status}`;
          expect(status, where).toBeLessThan(500);
          if (status >= 400 && !BROWSER_FACING.some((p) => route.template.startsWith(p))) {
            expect(res.headers()["content-type"] ?? "", where).toContain("application/json");
            const message = messageOf(await res.json());
            expect(message, where).toMatch(/\w{3,}/);
            expect(message!.length, where).toBeLessThan(1000);
            expect(message, where).not.toMatch(/[\u0000-\u0008\u000b-\u001f]/);
          }
          if (write && status >= 400) expect(await counts(request), where).toBe(before);
        }),
        {
          numRuns: RUNS_PER_ROUTE,
          seed: SEED,
          endOnFailure: true,
          examples: [[nulEverywhere]],
        },
      );
    }
  }
  expect(sent).toBeGreaterThan(100);
});

/** The route's URL with each `[param]` (and catch-all) replaced by a hostile segment, and a query. */
function fillTemplate(
  template: string,
  segments: string[],
  q: Record<string, string>,
  raw: string,
): string {
  let i = 0;
  const path = template
    .split("/")
    .map((seg) => (/^\[.+\]$/.test(seg) ? segments[i++ % segments.length]! : seg))
    .join("/");
  const search = [new URLSearchParams(q).toString(), raw].filter(Boolean).join("&");
  return search ? `${path}?${search}` : path;
}
