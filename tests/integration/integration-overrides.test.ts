// URL overrides of a self-hostable app (GitHub Enterprise, SECURITY.md 22): https on a public
// host; loopback only where loopback egress is allowed (development, tests), like webhook URLs;
// private addresses never; apps that are not self-hostable take none.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { systemActor, type Deps } from "@/lib/core/deps";
import { AppError } from "@/lib/core/errors";
import { createIntegration, updateIntegration } from "@/lib/core/integrations";
import { createProject } from "@/lib/core/projects";
import { openTestDb, testDeps, type TestDb } from "../support/db";

let handle: TestDb;
let production: Deps;
let development: Deps;
let projectId = "";

beforeAll(async () => {
  handle = await openTestDb();
  production = testDeps(handle, { allowLoopbackEgress: false });
  development = testDeps(handle, { allowLoopbackEgress: true });
  projectId = (await createProject(production, { name: "Overrides", actor: systemActor })).id;
});
afterAll(async () => handle?.close());

const github = (deps: Deps, urls: { apiBaseUrl?: string; tokenUrl?: string }) =>
  createIntegration(deps, {
    projectId,
    appKey: "github",
    actor: systemActor,
    clientId: "gh-client",
    clientSecret: "gh-secret",
    ...urls,
  });

const refusal = (p: Promise<unknown>) =>
  p.then(
    () => "accepted",
    (e: unknown) => (e instanceof AppError ? `${e.status} ${e.message}` : String(e)),
  );

describe("integration URL overrides", () => {
  it("production: loopback, private and plain-http URLs are refused with a 400 naming the field", async () => {
    for (const url of [
      "http://127.0.0.1:4010",
      "https://localhost/api",
      "https://10.0.0.7",
      "https://[::1]:8443",
      "http://github.example.com",
      "https://user:pw@github.example.com",
    ]) {
      expect(await refusal(github(production, { apiBaseUrl: url })), url).toBe(
        "400 apiBaseUrl: must be an https URL on a public host",
      );
    }
    expect(
      await refusal(github(production, { apiBaseUrl: "https://ghe.example.com/api/v3" })),
    ).toBe("accepted");
  });

  it("development: loopback is accepted, private addresses and credentials still are not", async () => {
    const made = await github(development, { apiBaseUrl: "http://127.0.0.1:4010" });
    expect(made.apiBaseUrl).toBe("http://127.0.0.1:4010");
    expect(await refusal(github(development, { tokenUrl: "http://localhost:4011/token" }))).toBe(
      "accepted",
    );
    for (const url of ["https://10.0.0.7", "http://192.168.1.2", "http://u:p@127.0.0.1:4010"])
      expect(await refusal(github(development, { apiBaseUrl: url })), url).toMatch(/^400 /);
    // The same rule on update; production refuses what development took.
    const updated = await refusal(
      updateIntegration(production, {
        projectId,
        id: made.id,
        actor: systemActor,
        apiBaseUrl: "http://127.0.0.1:4012",
      }),
    );
    expect(updated).toBe("400 apiBaseUrl: must be an https URL on a public host");
  });

  it("an app that is not self-hostable takes no override", async () => {
    const slack = await refusal(
      createIntegration(development, {
        projectId,
        appKey: "slack",
        actor: systemActor,
        clientId: "c",
        clientSecret: "s",
        apiBaseUrl: "http://127.0.0.1:4010",
      }),
    );
    expect(slack).toBe("400 apiBaseUrl: this app does not take URL overrides");
  });
});
