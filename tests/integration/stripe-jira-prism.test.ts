// Stripe and Jira actions generated from their official descriptions, executed end to end against
// Prism serving those same descriptions (as GitHub's are in github-prism.test.ts): Keyport's
// requests are recorded and asserted (method, path, query, body encoding, auth header).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { connections, entities, integrations } from "@/db/schema";
import { systemActor, type Deps } from "@/lib/core/deps";
import { executeAction } from "@/lib/core/execute";
import { newId } from "@/lib/core/ids";
import { bindings } from "@/lib/core/bindings";
import { createProject } from "@/lib/core/projects";
import { seal } from "@/lib/core/sealed";
import { ACTION_SOURCES } from "../../scripts/catalog/action-sources";
import { openTestDb, testDeps, type TestDb } from "../support/db";
import { fixtureSpec, startPrismStandIn, type GitHubStandIn } from "../support/prism";

const STRIPE_KEY = `sk_test_${"4eC39HqLyjWDarjtT1zdp7dc"}`;
const JIRA_TOKEN = "jira-prism-access-token-0123456789";
const CLOUD_ID = "11223344-a1b2-3b33-c444-def123456789";
const USER = "user_prism_stripe_jira";
let stripe: GitHubStandIn;
let jira: GitHubStandIn;
let handle: TestDb;
let deps: Deps;
let projectId: string;

async function connect(
  app: string,
  scheme: "API_KEY" | "OAUTH2",
  apiBaseUrl: string,
  credentials: Record<string, string>,
  entityId: string,
): Promise<void> {
  const integrationId = newId("ac");
  // An API base override pointing at the stand-in (the API refuses non-public overrides; the test
  // writes the row directly, as an admin's data would be).
  await deps.db.insert(integrations).values({
    id: integrationId,
    projectId,
    appKey: app,
    name: `${app} (Prism)`,
    authScheme: scheme,
    ...(scheme === "OAUTH2" ? { clientId: `${app}-client` } : {}),
    apiBaseUrl,
  });
  const connectionId = newId("ca");
  await deps.db.insert(connections).values({
    id: connectionId,
    projectId,
    entityId,
    integrationId,
    appKey: app,
    authScheme: scheme,
    status: "ACTIVE",
    credentialsEnc: seal(deps, bindings.connectionCredentials(connectionId), credentials),
  });
}

// The paths the Stripe tests call (Prism cannot dereference all of Stripe's cycles; see fixtureSpec).
const STRIPE_PATHS = ["/v1/customers", "/v1/customers/{customer}", "/v1/balance"];
const rebaseOf = (app: string) => ACTION_SOURCES.find((s) => s.app === app) ?? {};

beforeAll(async () => {
  [stripe, jira] = await Promise.all([
    startPrismStandIn(
      fixtureSpec("stripe.com", rebaseOf("stripe"), STRIPE_PATHS, true),
      "/v1/balance",
    ),
    startPrismStandIn(
      fixtureSpec("atlassian.com-jira", rebaseOf("jira")),
      `/ex/jira/${CLOUD_ID}/rest/api/3/myself`,
    ),
  ]);
  handle = await openTestDb();
  deps = testDeps(handle);
  projectId = (await createProject(deps, { name: "Stripe and Jira", actor: systemActor })).id;
  const entityId = newId("ent");
  await deps.db.insert(entities).values({ id: entityId, projectId, externalId: USER });
  await connect("stripe", "API_KEY", stripe.origin, { api_key: STRIPE_KEY }, entityId);
  await connect(
    "jira",
    "OAUTH2",
    jira.origin,
    { access_token: JIRA_TOKEN, token_type: "bearer" },
    entityId,
  );
}, 240_000);

afterAll(async () => {
  await stripe?.close();
  await jira?.close();
  await handle?.close();
});

const run = (action: string, args: Record<string, unknown>) =>
  executeAction(deps, { projectId, actor: systemActor, action, userId: USER, arguments: args });

describe("Stripe actions generated from Stripe's description", () => {
  it("STRIPE_POST_CUSTOMERS sends a form body with nested objects in bracket notation", async () => {
    const r = await run("STRIPE_POST_CUSTOMERS", {
      email: "jenny@example.com",
      name: "Jenny Rosen",
      metadata: { order: "6735" },
      address: { city: "Berlin", country: "DE" },
      preferred_locales: ["de", "en"],
    });
    expect(r.successful).toBe(true);
    expect(r.httpStatus).toBe(200);
    expect(r.data.object).toBe("customer");
    const sent = stripe.requests.at(-1)!;
    expect([sent.method, sent.path]).toEqual(["POST", "/v1/customers"]);
    expect(sent.headers["content-type"]).toBe("application/x-www-form-urlencoded");
    expect(sent.headers.authorization).toBe(`Bearer ${STRIPE_KEY}`);
    expect([...new URLSearchParams(sent.body)]).toEqual([
      ["email", "jenny@example.com"],
      ["name", "Jenny Rosen"],
      ["metadata[order]", "6735"],
      ["address[city]", "Berlin"],
      ["address[country]", "DE"],
      ["preferred_locales[0]", "de"],
      ["preferred_locales[1]", "en"],
    ]);
  });

  it("STRIPE_GET_CUSTOMERS_CUSTOMER puts the id in the path and sends no body", async () => {
    const r = await run("STRIPE_GET_CUSTOMERS_CUSTOMER", { customer: "cus_NffrFeUfNV2Hib" });
    expect(r.successful).toBe(true);
    const sent = stripe.requests.at(-1)!;
    expect([sent.method, sent.path, sent.body]).toEqual([
      "GET",
      "/v1/customers/cus_NffrFeUfNV2Hib",
      "",
    ]);
  });

  it("STRIPE_GET_CUSTOMERS pages with query parameters and answers the documented list", async () => {
    const r = await run("STRIPE_GET_CUSTOMERS", { limit: 3, email: "jenny@example.com" });
    expect(r.successful).toBe(true);
    expect(r.data.object).toBe("list");
    const sent = new URL(stripe.requests.at(-1)!.path, "http://x");
    expect(sent.pathname).toBe("/v1/customers");
    expect(sent.searchParams.get("limit")).toBe("3");
    expect(sent.searchParams.get("email")).toBe("jenny@example.com");
  });

  it("refuses arguments its schema does not allow before any request is sent", async () => {
    const before = stripe.requests.length;
    await expect(run("STRIPE_POST_CUSTOMERS", { not_a_field: 1 })).rejects.toThrow(/not_a_field/);
    expect(stripe.requests.length).toBe(before);
  });
});

describe("Jira actions generated from Jira Cloud's description", () => {
  it("JIRA_CREATE_ISSUE sends POST /ex/jira/{cloudid}/rest/api/3/issue with the JSON body", async () => {
    const fields = { project: { key: "ENG" }, issuetype: { name: "Bug" }, summary: "Found a bug" };
    const r = await run("JIRA_CREATE_ISSUE", { cloudid: CLOUD_ID, fields, updateHistory: true });
    expect(r.successful).toBe(true);
    expect(r.httpStatus).toBe(201);
    const sent = jira.requests.at(-1)!;
    const url = new URL(sent.path, "http://x");
    expect([sent.method, url.pathname]).toEqual(["POST", `/ex/jira/${CLOUD_ID}/rest/api/3/issue`]);
    expect(url.searchParams.get("updateHistory")).toBe("true");
    expect(JSON.parse(sent.body)).toEqual({ fields });
    expect(sent.headers.authorization).toBe(`Bearer ${JIRA_TOKEN}`);
    expect(sent.headers["content-type"]).toBe("application/json");
  });

  it("JIRA_GET_ISSUE encodes the issue key into the path", async () => {
    const r = await run("JIRA_GET_ISSUE", { cloudid: CLOUD_ID, issueIdOrKey: "ENG-42" });
    expect(r.successful).toBe(true);
    const sent = jira.requests.at(-1)!;
    expect(sent.method).toBe("GET");
    expect(new URL(sent.path, "http://x").pathname).toBe(
      `/ex/jira/${CLOUD_ID}/rest/api/3/issue/ENG-42`,
    );
  });

  it("JIRA_GET_CURRENT_USER answers the documented user", async () => {
    const r = await run("JIRA_GET_CURRENT_USER", { cloudid: CLOUD_ID });
    expect(r.successful).toBe(true);
    expect(r.httpStatus).toBe(200);
    // Prism answers the description's example user, which Jira's description gives as a JSON text.
    expect(JSON.stringify(r.data)).toMatch(/accountId/);
  });

  it("refuses a call without the site's cloud id before any request is sent", async () => {
    const before = jira.requests.length;
    await expect(run("JIRA_GET_ISSUE", { issueIdOrKey: "ENG-42" })).rejects.toThrow(/cloudid/);
    expect(jira.requests.length).toBe(before);
  });
});
