// Tenancy (SECURITY.md 24): every core read or mutation that takes a projectId, called with
// project A's id on project B's object, is a not_found (or an empty list) and changes nothing
// anywhere in the database (every table is compared before and after each call).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startSandbox, type Sandbox } from "@/lib/sandbox";
import { systemActor, type Deps } from "@/lib/core/deps";
import { AppError } from "@/lib/core/errors";
import { createProject } from "@/lib/core/projects";
import {
  createIntegration,
  deleteIntegration,
  getIntegration,
  listIntegrations,
  setIntegrationEnabled,
  updateIntegration,
} from "@/lib/core/integrations";
import { createReconnectLink, initiateConnection } from "@/lib/core/initiate";
import {
  getConnection,
  listConnectionEvents,
  listConnections,
  setConnectionEnabled,
} from "@/lib/core/connections";
import { deleteConnection } from "@/lib/core/delete";
import { deleteIntegrationWithConnections } from "@/lib/core/bulk";
import { eraseEntity } from "@/lib/core/erase";
import { createApiKey, listApiKeys, revokeApiKey } from "@/lib/core/api-keys";
import { addMember, listMembers, removeMember, setMemberRole } from "@/lib/core/operators";
import { getEntity, listEntities } from "@/lib/core/entities";
import { openTestDb, testDeps, type TestDb } from "../support/db";
import { dbSnapshot } from "../support/db-snapshot";

const REDIRECT_URI = "http://localhost:3000/api/oauth/callback";
const API_KEY = "sbx_demo_key";

let sandbox: Sandbox;
let handle: TestDb;
let deps: Deps;

const A = { project: "", integration: "", connection: "" };
const B = {
  project: "",
  oauthIntegration: "",
  keyIntegration: "",
  spareIntegration: "",
  pendingConnection: "",
  activeConnection: "",
  user: "b-only-user",
  apiKey: "",
  operator: "",
};

const snapshot = () => dbSnapshot(handle.db);

beforeAll(async () => {
  sandbox = await startSandbox({
    port: 0,
    accessTtlSeconds: 900,
    apiKeys: [API_KEY],
    clients: [
      { clientId: "keyport", clientSecret: "tenancy-secret", redirectUris: [REDIRECT_URI] },
    ],
  });
  handle = await openTestDb();
  deps = testDeps(handle, { sandboxOrigin: sandbox.issuer, publicUrl: "http://localhost:3000" });

  A.project = (await createProject(deps, { name: "Project A", actor: systemActor })).id;
  B.project = (await createProject(deps, { name: "Project B", actor: systemActor })).id;
  const oauthConfig = { appKey: "sandbox", clientId: "keyport", clientSecret: "tenancy-secret" };

  A.integration = (
    await createIntegration(deps, { ...oauthConfig, projectId: A.project, actor: systemActor })
  ).id;
  A.connection = (
    await initiateConnection(deps, {
      projectId: A.project,
      userId: "a-user",
      integrationId: A.integration,
      actor: systemActor,
    })
  ).connection.id;
  await addMember(deps, {
    projectId: A.project,
    email: "admin-a@example.com",
    name: "Admin A",
    role: "admin",
    actor: systemActor,
  });

  B.oauthIntegration = (
    await createIntegration(deps, { ...oauthConfig, projectId: B.project, actor: systemActor })
  ).id;
  B.spareIntegration = (
    await createIntegration(deps, {
      ...oauthConfig,
      name: "Unused",
      projectId: B.project,
      actor: systemActor,
    })
  ).id;
  B.pendingConnection = (
    await initiateConnection(deps, {
      projectId: B.project,
      userId: B.user,
      integrationId: B.oauthIntegration,
      actor: systemActor,
    })
  ).connection.id;
  const active = await initiateConnection(deps, {
    projectId: B.project,
    userId: B.user,
    appKey: "sandbox_key",
    credentials: { api_key: API_KEY },
    actor: systemActor,
  });
  expect(active.connection.status).toBe("ACTIVE");
  B.activeConnection = active.connection.id;
  B.keyIntegration = active.integration.id;
  B.apiKey = (
    await createApiKey(deps, { projectId: B.project, name: "B key", actor: systemActor })
  ).apiKey.id;
  const admins = [];
  for (const email of ["admin-b@example.com", "second-b@example.com"]) {
    admins.push(
      await addMember(deps, {
        projectId: B.project,
        email,
        name: email,
        role: "admin",
        actor: systemActor,
      }),
    );
  }
  B.operator = admins[1]!.member.id;
});

afterAll(async () => {
  await handle?.close();
  await sandbox?.close();
});

const actor = { type: "api_key" as const, id: "key_a", label: "project A key" };

/** Each call uses project A's id on one of project B's objects. */
const crossProjectCalls: Array<[string, () => Promise<unknown>]> = [
  [
    "getConnection (pending)",
    () => getConnection(deps, { projectId: A.project, id: B.pendingConnection }),
  ],
  [
    "getConnection (active)",
    () => getConnection(deps, { projectId: A.project, id: B.activeConnection }),
  ],
  [
    "setConnectionEnabled false",
    () =>
      setConnectionEnabled(deps, {
        projectId: A.project,
        id: B.activeConnection,
        enabled: false,
        actor,
      }),
  ],
  [
    "setConnectionEnabled true",
    () =>
      setConnectionEnabled(deps, {
        projectId: A.project,
        id: B.pendingConnection,
        enabled: true,
        actor,
      }),
  ],
  [
    "deleteConnection (revoke)",
    () => deleteConnection(deps, { projectId: A.project, id: B.activeConnection, actor }),
  ],
  [
    "deleteConnection (no revoke)",
    () =>
      deleteConnection(deps, {
        projectId: A.project,
        id: B.pendingConnection,
        revoke: false,
        actor,
      }),
  ],
  [
    "createReconnectLink (pending)",
    () => createReconnectLink(deps, { projectId: A.project, id: B.pendingConnection, actor }),
  ],
  [
    "createReconnectLink (active)",
    () => createReconnectLink(deps, { projectId: A.project, id: B.activeConnection, actor }),
  ],
  ["getIntegration", () => getIntegration(deps, { projectId: A.project, id: B.oauthIntegration })],
  [
    "updateIntegration",
    () =>
      updateIntegration(deps, {
        projectId: A.project,
        id: B.oauthIntegration,
        name: "hijacked",
        clientId: "attacker",
        clientSecret: "attacker-secret",
        scopes: ["notes:read"],
        actor,
      }),
  ],
  [
    "setIntegrationEnabled false",
    () =>
      setIntegrationEnabled(deps, {
        projectId: A.project,
        id: B.oauthIntegration,
        enabled: false,
        actor,
      }),
  ],
  [
    "deleteIntegration (unused)",
    () => deleteIntegration(deps, { projectId: A.project, id: B.spareIntegration, actor }),
  ],
  [
    "deleteIntegrationWithConnections",
    () =>
      deleteIntegrationWithConnections(deps, {
        projectId: A.project,
        id: B.oauthIntegration,
        actor,
      }),
  ],
  ["eraseEntity", () => eraseEntity(deps, { projectId: A.project, userId: B.user, actor })],
  [
    "initiateConnection with B's OAuth integration",
    () =>
      initiateConnection(deps, {
        projectId: A.project,
        userId: "a-user",
        integrationId: B.oauthIntegration,
        actor,
      }),
  ],
  [
    "initiateConnection with B's API-key integration",
    () =>
      initiateConnection(deps, {
        projectId: A.project,
        userId: "a-user",
        integrationId: B.keyIntegration,
        credentials: { api_key: API_KEY },
        actor,
      }),
  ],
  ["revokeApiKey", () => revokeApiKey(deps, { projectId: A.project, id: B.apiKey, actor })],
  [
    "setMemberRole",
    () =>
      setMemberRole(deps, {
        projectId: A.project,
        operatorId: B.operator,
        role: "viewer",
        actor,
      }),
  ],
  [
    "removeMember",
    () => removeMember(deps, { projectId: A.project, operatorId: B.operator, actor }),
  ],
  ["getEntity", () => getEntity(deps, { projectId: A.project, externalId: B.user })],
];

describe("tenancy: project A's id on project B's objects", () => {
  it("the fixture is real: B's objects exist and are readable with B's id", async () => {
    expect(
      (await getConnection(deps, { projectId: B.project, id: B.activeConnection })).status,
    ).toBe("ACTIVE");
    expect(
      (await getConnection(deps, { projectId: B.project, id: B.pendingConnection })).status,
    ).toBe("INITIATED");
    expect(
      (await getIntegration(deps, { projectId: B.project, id: B.oauthIntegration })).clientId,
    ).toBe("keyport");
    expect((await listApiKeys(deps, B.project)).map((k) => k.id)).toEqual([B.apiKey]);
    expect((await listMembers(deps, B.project)).map((m) => m.id)).toContain(B.operator);
    expect((await getEntity(deps, { projectId: B.project, externalId: B.user })).externalId).toBe(
      B.user,
    );
  });

  it.each(crossProjectCalls)("%s → not_found, nothing changed", async (_name, call) => {
    const before = await snapshot();
    let error: unknown;
    let value: unknown;
    try {
      value = await call();
    } catch (err) {
      error = err;
    }
    expect(value).toBeUndefined();
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe("not_found");
    expect((error as AppError).status).toBe(404);
    // The message must not reveal that the object exists elsewhere.
    expect((error as AppError).message).not.toContain(B.project);
    expect((error as AppError).message).not.toMatch(/Project B|another project/i);
    expect(await snapshot()).toEqual(before);
  });

  it("lists scoped to A never show B's objects, even when filtered by B's ids", async () => {
    const before = await snapshot();
    const filters = [
      { ids: [B.activeConnection, B.pendingConnection] },
      { integrationIds: [B.oauthIntegration, B.keyIntegration] },
      { userIds: [B.user] },
      { search: B.activeConnection },
      { appKeys: ["sandbox_key"] },
    ];
    for (const f of filters) {
      const page = await listConnections(deps, {
        projectId: A.project,
        ...f,
        limit: 50,
        withTotal: true,
      });
      expect(page, JSON.stringify(f)).toEqual({ items: [], nextCursor: null, totalItems: 0 });
    }
    const all = await listConnections(deps, { projectId: A.project, limit: 50, withTotal: true });
    expect(all.items.map((c) => c.id)).toEqual([A.connection]);
    expect(all.totalItems).toBe(1);
    expect(
      await listConnectionEvents(deps, { projectId: A.project, id: B.activeConnection }),
    ).toEqual([]);
    expect((await listIntegrations(deps, { projectId: A.project })).map((i) => i.id)).toEqual([
      A.integration,
    ]);
    expect(await listApiKeys(deps, A.project)).toEqual([]);
    expect((await listMembers(deps, A.project)).map((m) => m.email)).toEqual([
      "admin-a@example.com",
    ]);
    expect(
      (await listEntities(deps, { projectId: A.project, limit: 50 })).items.map(
        (e) => e.externalId,
      ),
    ).toEqual(["a-user"]);
    expect(await snapshot()).toEqual(before);
  });

  it("control: the same mutations with B's own id do change B (so the comparison can fail)", async () => {
    const before = await snapshot();
    const view = await setConnectionEnabled(deps, {
      projectId: B.project,
      id: B.activeConnection,
      enabled: false,
      actor: systemActor,
    });
    expect(view.status).toBe("INACTIVE");
    expect(await snapshot()).not.toEqual(before);
    await deleteIntegration(deps, {
      projectId: B.project,
      id: B.spareIntegration,
      actor: systemActor,
    });
    const gone = await getIntegration(deps, { projectId: B.project, id: B.spareIntegration }).catch(
      (err: unknown) => err,
    );
    expect(gone).toBeInstanceOf(AppError);
    expect((gone as AppError).code).toBe("not_found");
  });
});
