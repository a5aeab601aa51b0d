// Key rotation (SECURITY.md 13): secrets written under an old key are re-encrypted under the new
// first key of the ring, without ever overwriting a value written concurrently.
import crypto from "node:crypto";
import { eq } from "drizzle-orm";
import { drizzle } from "drizzle-orm/postgres-js";
import postgres from "postgres";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/db";
import * as schema from "@/db/schema";
import { authFlows, connections, entities, integrations } from "@/db/schema";
import { systemActor, type Deps } from "@/lib/core/deps";
import { newId } from "@/lib/core/ids";
import { createProject } from "@/lib/core/projects";
import { countRowsPerKey, rotateSecrets } from "@/lib/core/rotate";
import { type Binding, createKeyring, type Keyring } from "@/lib/crypto";
import { openTestDb, TEST_KEYS, testDeps, type TestDb } from "../support/db";

// The same two keys as the test keyring (t1 first), but in the order used before rotation.
const OLD_RING = createKeyring(TEST_KEYS.split(",").reverse().join(","));
const T1_ONLY = createKeyring(TEST_KEYS.split(",")[0]!);

const bind = {
  integration: (rowId: string): Binding => ({ table: "integrations", rowId, field: "secrets" }),
  connection: (rowId: string): Binding => ({ table: "connections", rowId, field: "credentials" }),
  flow: (rowId: string): Binding => ({ table: "auth_flows", rowId, field: "verifier" }),
};

interface Seeded {
  binding: Binding;
  plaintext: string;
  ciphertext: string;
}

let handle: TestDb;
let deps: Deps;
let projectId: string;
let entityId: string;
let firstIntegration: string;
let closeExtra: (() => Promise<void>) | undefined;
const seeded = new Map<string, Seeded>();

async function seedIntegration(ring: Keyring): Promise<string> {
  const id = newId("ac");
  const plaintext = JSON.stringify({ client_secret: `cs_${id}` });
  const ciphertext = ring.encrypt(plaintext, bind.integration(id));
  await deps.db.insert(integrations).values({
    id,
    projectId,
    appKey: "github",
    name: `GitHub ${id}`,
    authScheme: "OAUTH2",
    clientId: "client",
    secretsEnc: ciphertext,
  });
  seeded.set(id, { binding: bind.integration(id), plaintext, ciphertext });
  return id;
}

async function seedConnection(ring: Keyring | null, integrationId: string): Promise<string> {
  const id = newId("ca");
  const plaintext = JSON.stringify({ access_token: `gho_${id}`, refresh_token: `ghr_${id}` });
  const ciphertext = ring ? ring.encrypt(plaintext, bind.connection(id)) : null;
  await deps.db.insert(connections).values({
    id,
    projectId,
    entityId,
    integrationId,
    appKey: "github",
    authScheme: "OAUTH2",
    status: ring ? "ACTIVE" : "INITIATED",
    credentialsEnc: ciphertext,
    keyId: ring?.currentKeyId ?? null,
  });
  if (ciphertext) seeded.set(id, { binding: bind.connection(id), plaintext, ciphertext });
  return id;
}

async function seedFlow(ring: Keyring, connectionId: string): Promise<string> {
  const stateHash = crypto.randomBytes(32).toString("hex");
  const plaintext = `verifier-${stateHash}`;
  const ciphertext = ring.encrypt(plaintext, bind.flow(stateHash));
  await deps.db.insert(authFlows).values({
    stateHash,
    connectionId,
    projectId,
    appKey: "github",
    tokenEndpoint: "https://github.com/login/oauth/access_token",
    redirectUri: "http://localhost:3000/api/oauth/callback",
    verifierEnc: ciphertext,
    bindingHash: "b".repeat(64),
    expiresAt: new Date(Date.now() + 600_000),
  });
  seeded.set(stateHash, { binding: bind.flow(stateHash), plaintext, ciphertext });
  return stateHash;
}

/** Every stored secret (and, for connections, the key id column), as the database holds it now. */
async function storedSecrets(): Promise<
  Array<{ id: string; ciphertext: string; keyId?: string | null }>
> {
  const ints = await deps.db
    .select({ id: integrations.id, ciphertext: integrations.secretsEnc })
    .from(integrations);
  const conns = await deps.db
    .select({
      id: connections.id,
      ciphertext: connections.credentialsEnc,
      keyId: connections.keyId,
    })
    .from(connections);
  const flows = await deps.db
    .select({ id: authFlows.stateHash, ciphertext: authFlows.verifierEnc })
    .from(authFlows);
  return [...ints, ...conns, ...flows].filter(
    (r): r is typeof r & { ciphertext: string } => r.ciphertext !== null,
  );
}

beforeAll(async () => {
  handle = await openTestDb();
  deps = testDeps(handle);
  expect(deps.keyring.currentKeyId).toBe("t1");
  expect(OLD_RING.currentKeyId).toBe("t0");
  projectId = (await createProject(deps, { name: "Rotation", actor: systemActor })).id;
  entityId = newId("ent");
  await deps.db.insert(entities).values({ id: entityId, projectId, externalId: "user-1" });
  // Under t0: 3 integrations, 5 connections, 4 flows. Already under t1: 1 connection.
  // Without secrets: 1 pending connection.
  const ints = [
    await seedIntegration(OLD_RING),
    await seedIntegration(OLD_RING),
    await seedIntegration(OLD_RING),
  ];
  firstIntegration = ints[0]!;
  const conns: string[] = [];
  for (let i = 0; i < 5; i++) conns.push(await seedConnection(OLD_RING, ints[i % 3]!));
  await seedConnection(deps.keyring, ints[0]!);
  await seedConnection(null, ints[1]!);
  for (let i = 0; i < 4; i++) await seedFlow(OLD_RING, conns[i]!);
});

afterAll(async () => {
  await closeExtra?.();
  await handle?.close();
});

describe("rotateSecrets", () => {
  it("counts rows per key id for each secret column", async () => {
    expect(await countRowsPerKey(deps)).toEqual({
      "integrations.secrets": { t0: 3 },
      "connections.credentials": { t0: 5, t1: 1 },
      "auth_flows.verifier": { t0: 4 },
      "webhook_endpoints.secret": {},
      "webhook_endpoints.previous_secret": {},
    });
  });

  it("re-encrypts everything under the new first key, in batches, keeping every value", async () => {
    const result = await rotateSecrets(deps, { batch: 2 });
    expect(result).toEqual({
      reencrypted: 12,
      perKeyBefore: { t0: 12, t1: 1 },
      perKeyAfter: { t1: 13 },
    });
    expect(await countRowsPerKey(deps)).toEqual({
      "integrations.secrets": { t1: 3 },
      "connections.credentials": { t1: 6 },
      "auth_flows.verifier": { t1: 4 },
      "webhook_endpoints.secret": {},
      "webhook_endpoints.previous_secret": {},
    });
    const stored = await storedSecrets();
    expect(stored).toHaveLength(13);
    for (const row of stored) {
      const before = seeded.get(row.id)!;
      expect(deps.keyring.keyIdOf(row.ciphertext)).toBe("t1");
      if (row.keyId !== undefined) expect(row.keyId).toBe("t1");
      // Decrypts to the same plaintext, even with t0 gone from the ring.
      expect(T1_ONLY.decrypt(row.ciphertext, before.binding)).toBe(before.plaintext);
      if (OLD_RING.keyIdOf(before.ciphertext) === "t0")
        expect(row.ciphertext).not.toBe(before.ciphertext);
      else expect(row.ciphertext).toBe(before.ciphertext);
    }
    const [pending] = await deps.db
      .select({ c: connections.credentialsEnc, keyId: connections.keyId })
      .from(connections)
      .where(eq(connections.status, "INITIATED"));
    expect(pending).toEqual({ c: null, keyId: null });
  });

  it("re-encrypts nothing on a second run", async () => {
    const before = await storedSecrets();
    const result = await rotateSecrets(deps);
    expect(result).toEqual({ reencrypted: 0, perKeyBefore: { t1: 13 }, perKeyAfter: { t1: 13 } });
    expect(await storedSecrets()).toEqual(before);
  });

  it("never overwrites a value written between its read and its write", async () => {
    // One connection to raise the race on; a client with one connection keeps the order of
    // statements deterministic on Postgres (PGlite runs them in order anyway).
    const integrationId = await seedIntegration(OLD_RING);
    const target = await seedConnection(OLD_RING, integrationId);
    let db: Db = deps.db;
    if (handle.url) {
      const client = postgres(handle.url, { max: 1, onnotice: () => {} });
      closeExtra = () => client.end({ timeout: 5 });
      db = drizzle(client, { schema, casing: "snake_case" });
    }
    // A server still on the old key order rewrites the tokens while the rotation runs.
    const concurrent = OLD_RING.encrypt(
      JSON.stringify({ access_token: "gho_fresh" }),
      bind.connection(target),
    );
    let write: Promise<void> | undefined;
    const racing: Keyring = {
      ...deps.keyring,
      decrypt(ciphertext, binding) {
        if (binding.rowId === target && !write) {
          // Sent now, before the rotation's compare-and-set on this row.
          write = db
            .update(connections)
            .set({ credentialsEnc: concurrent, keyId: "t0" })
            .where(eq(connections.id, target))
            .then(() => undefined);
        }
        return deps.keyring.decrypt(ciphertext, binding);
      },
    };
    const result = await rotateSecrets({ db, keyring: racing });
    await write;
    expect(result.reencrypted).toBe(1); // the new integration only
    const [row] = await deps.db
      .select({ c: connections.credentialsEnc, keyId: connections.keyId })
      .from(connections)
      .where(eq(connections.id, target));
    expect(row).toEqual({ c: concurrent, keyId: "t0" });
    expect(result.perKeyAfter).toEqual({ t0: 1, t1: 14 });

    // The next run picks the straggler up.
    const again = await rotateSecrets(deps);
    expect(again).toMatchObject({ reencrypted: 1, perKeyAfter: { t1: 15 } });
    const [after] = await deps.db
      .select({ c: connections.credentialsEnc })
      .from(connections)
      .where(eq(connections.id, target));
    expect(deps.keyring.decrypt(after!.c!, bind.connection(target))).toBe(
      JSON.stringify({ access_token: "gho_fresh" }),
    );
  });

  it("stops with the column, row and missing key id when a secret is under an unknown key", async () => {
    const gone = createKeyring(`gone:${Buffer.alloc(32, 9).toString("base64")}`);
    const connectionId = await seedConnection(deps.keyring, firstIntegration);
    const stateHash = await seedFlow(gone, connectionId);
    await expect(rotateSecrets(deps)).rejects.toThrow(
      new RegExp(`auth_flows\\.verifier row ${stateHash}: .*"gone"`),
    );
    await deps.db.delete(authFlows).where(eq(authFlows.stateHash, stateHash));
    expect((await rotateSecrets(deps)).reencrypted).toBe(0);
  });
});
