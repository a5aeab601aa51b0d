// GitHub actions against a real description of GitHub: Prism serves the official OpenAPI document;
// Keyport's requests are recorded and asserted (method, path, body, auth header).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { connections, entities, integrations } from "@/db/schema";
import { systemActor, type Deps } from "@/lib/core/deps";
import { executeAction } from "@/lib/core/execute";
import { newId } from "@/lib/core/ids";
import { bindings } from "@/lib/core/bindings";
import { createProject } from "@/lib/core/projects";
import { seal } from "@/lib/core/sealed";
import { openTestDb, testDeps, type TestDb } from "../support/db";
import { startGitHubStandIn, type GitHubStandIn } from "../support/prism";

const TOKEN = "gho_prismTestToken0123456789abcdef";
let github: GitHubStandIn;
let handle: TestDb;
let deps: Deps;
let projectId: string;
let connectionId: string;

beforeAll(async () => {
  github = await startGitHubStandIn();
  handle = await openTestDb();
  deps = testDeps(handle);
  projectId = (await createProject(deps, { name: "GitHub", actor: systemActor })).id;
  // A GitHub Enterprise-style API base override pointing at the stand-in (the API refuses
  // non-public overrides; the test writes the row directly, as an admin's data would be).
  const integrationId = newId("ac");
  await deps.db.insert(integrations).values({
    id: integrationId,
    projectId,
    appKey: "github",
    name: "GitHub (Prism)",
    authScheme: "OAUTH2",
    clientId: "gh-client",
    apiBaseUrl: github.origin,
  });
  const entityId = newId("ent");
  await deps.db
    .insert(entities)
    .values({ id: entityId, projectId, externalId: "user_7a9f3b_db_id" });
  connectionId = newId("ca");
  await deps.db.insert(connections).values({
    id: connectionId,
    projectId,
    entityId,
    integrationId,
    appKey: "github",
    authScheme: "OAUTH2",
    status: "ACTIVE",
    credentialsEnc: seal(deps, bindings.connectionCredentials(connectionId), {
      access_token: TOKEN,
      token_type: "bearer",
    }),
  });
}, 150_000);

afterAll(async () => {
  await github?.close();
  await handle?.close();
});

const run = (action: string, args: Record<string, unknown>) =>
  executeAction(deps, {
    projectId,
    actor: systemActor,
    action,
    userId: "user_7a9f3b_db_id",
    arguments: args,
  });

describe("GitHub actions generated from @octokit/openapi", () => {
  it("GITHUB_CREATE_AN_ISSUE sends POST /repos/{owner}/{repo}/issues with the JSON body and the bearer token", async () => {
    const r = await run("GITHUB_CREATE_AN_ISSUE", {
      owner: "octo org",
      repo: "hello",
      title: "Found a bug",
      body: "Steps…",
      labels: ["bug"],
    });
    expect(r.successful).toBe(true);
    expect(r.httpStatus).toBe(201);
    expect(typeof r.data.number).toBe("number");
    const sent = github.requests.at(-1)!;
    expect(sent.method).toBe("POST");
    expect(sent.path).toBe("/repos/octo%20org/hello/issues");
    expect(JSON.parse(sent.body)).toEqual({
      title: "Found a bug",
      body: "Steps…",
      labels: ["bug"],
    });
    expect(sent.headers.authorization).toBe(`Bearer ${TOKEN}`);
    expect(sent.headers["content-type"]).toBe("application/json");
  });

  it("GITHUB_GET_THE_AUTHENTICATED_USER sends GET /user and returns the documented user", async () => {
    const r = await run("GITHUB_GET_THE_AUTHENTICATED_USER", {});
    expect(r.successful).toBe(true);
    expect(r.data.login).toBe("octocat");
    const sent = github.requests.at(-1)!;
    expect([sent.method, sent.path, sent.body]).toEqual(["GET", "/user", ""]);
    expect(sent.headers.authorization).toBe(`Bearer ${TOKEN}`);
  });

  it("GITHUB_LIST_REPOSITORIES_FOR_THE_AUTHENTICATED_USER puts its arguments in the query string", async () => {
    const r = await run("GITHUB_LIST_REPOSITORIES_FOR_THE_AUTHENTICATED_USER", {
      per_page: 5,
      sort: "updated",
    });
    expect(r.successful).toBe(true);
    expect(Array.isArray(r.data.items)).toBe(true);
    const sent = github.requests.at(-1)!;
    expect(sent.method).toBe("GET");
    expect(new URL(sent.path, "http://x").searchParams.get("per_page")).toBe("5");
    expect(new URL(sent.path, "http://x").searchParams.get("sort")).toBe("updated");
  });

  it("GITHUB_STAR_A_REPOSITORY_FOR_THE_AUTHENTICATED_USER sends PUT /user/starred/{owner}/{repo} and gets 204", async () => {
    const r = await run("GITHUB_STAR_A_REPOSITORY_FOR_THE_AUTHENTICATED_USER", {
      owner: "octocat",
      repo: "Hello-World",
    });
    expect(r.successful).toBe(true);
    expect(r.httpStatus).toBe(204);
    expect(r.data).toEqual({});
    expect(github.requests.at(-1)!.path).toBe("/user/starred/octocat/Hello-World");
  });

  it("refuses arguments the schema does not allow before any request is sent", async () => {
    const before = github.requests.length;
    await expect(run("GITHUB_CREATE_AN_ISSUE", { owner: "o", repo: "r" })).rejects.toThrow(
      /title: is required/,
    );
    expect(github.requests.length).toBe(before);
  });
});
