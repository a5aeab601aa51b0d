// GET /api/v1/client/auth/client_info's domain part: the key's project and the key's own record,
// never the key or its hash, and never another project's key (real database: PGlite or Postgres).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { authenticateApiKey, createApiKey } from "@/lib/core/api-keys";
import { getClientInfo } from "@/lib/core/client-info";
import { systemActor, type Deps } from "@/lib/core/deps";
import { AppError } from "@/lib/core/errors";
import { createProject } from "@/lib/core/projects";
import { clientInfoLegacy } from "@/lib/http/legacy-mappers";
import { openTestDb, testDeps, type TestDb } from "../support/db";

let handle: TestDb;
let deps: Deps;

beforeAll(async () => {
  handle = await openTestDb();
  deps = testDeps(handle);
});

afterAll(async () => {
  await handle?.close();
});

describe("getClientInfo", () => {
  it("answers the key's project and key record; the JSON holds the key's prefix only", async () => {
    const project = await createProject(deps, { name: "Python client", actor: systemActor });
    const { key } = await createApiKey(deps, {
      projectId: project.id,
      name: "py",
      actor: systemActor,
    });
    const auth = (await authenticateApiKey(deps, key))!;
    const info = await getClientInfo(deps, { projectId: auth.projectId, keyId: auth.keyId });
    expect(info.project).toMatchObject({ id: project.id, name: "Python client" });
    expect(info.apiKey).toMatchObject({ id: auth.keyId, name: "py", prefix: key.slice(0, 12) });
    const body = JSON.stringify(clientInfoLegacy(info));
    expect(body).not.toContain(key);
    expect(body).toContain(`"id":"${project.id}"`);
  });

  it("another project's key id is a 404, not its record", async () => {
    const a = await createProject(deps, { name: "A", actor: systemActor });
    const b = await createProject(deps, { name: "B", actor: systemActor });
    const { apiKey } = await createApiKey(deps, { projectId: b.id, name: "b", actor: systemActor });
    const err: unknown = await getClientInfo(deps, { projectId: a.id, keyId: apiKey.id }).then(
      () => null,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).status).toBe(404);
  });
});
