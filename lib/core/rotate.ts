// Key rotation (SECURITY.md 13): re-encrypt every stored secret under the keyring's current key.
import { bindings } from "./bindings";
import { and, asc, count, eq, gt, isNotNull, sql, type SQL } from "drizzle-orm";
import type { PgColumn, PgTable } from "drizzle-orm/pg-core";
import type { Db } from "@/db";
import { authFlows, connections, integrations, webhookEndpoints } from "@/db/schema";
import type { Binding } from "@/lib/crypto";
import type { Deps } from "@/lib/core/deps";

interface SecretColumn {
  name:
    | "integrations.secrets"
    | "connections.credentials"
    | "auth_flows.verifier"
    | "webhook_endpoints.secret"
    | "webhook_endpoints.previous_secret";
  table: PgTable;
  pk: PgColumn;
  column: PgColumn;
  binding: (rowId: string) => Binding;
  /** Compare-and-set: write `next` only if the column still holds `prev`; true when a row changed. */
  swap: (db: Db, rowId: string, prev: string, next: string, kid: string) => Promise<boolean>;
}

const changed = (rows: unknown[]) => rows.length === 1;

const COLUMNS: SecretColumn[] = [
  {
    name: "integrations.secrets",
    table: integrations,
    pk: integrations.id,
    column: integrations.secretsEnc,
    binding: bindings.integrationSecrets,
    swap: async (db, id, prev, next) =>
      changed(
        await db
          .update(integrations)
          .set({ secretsEnc: next })
          .where(and(eq(integrations.id, id), eq(integrations.secretsEnc, prev)))
          .returning({ id: integrations.id }),
      ),
  },
  {
    name: "connections.credentials",
    table: connections,
    pk: connections.id,
    column: connections.credentialsEnc,
    binding: bindings.connectionCredentials,
    swap: async (db, id, prev, next, kid) =>
      changed(
        await db
          .update(connections)
          .set({ credentialsEnc: next, keyId: kid })
          .where(and(eq(connections.id, id), eq(connections.credentialsEnc, prev)))
          .returning({ id: connections.id }),
      ),
  },
  {
    name: "auth_flows.verifier",
    table: authFlows,
    pk: authFlows.stateHash,
    column: authFlows.verifierEnc,
    binding: bindings.flowVerifier,
    swap: async (db, stateHash, prev, next) =>
      changed(
        await db
          .update(authFlows)
          .set({ verifierEnc: next })
          .where(and(eq(authFlows.stateHash, stateHash), eq(authFlows.verifierEnc, prev)))
          .returning({ stateHash: authFlows.stateHash }),
      ),
  },
  {
    name: "webhook_endpoints.secret",
    table: webhookEndpoints,
    pk: webhookEndpoints.id,
    column: webhookEndpoints.secretEnc,
    binding: (id) => bindings.webhookSecret(id),
    swap: async (db, id, prev, next) =>
      changed(
        await db
          .update(webhookEndpoints)
          .set({ secretEnc: next })
          .where(and(eq(webhookEndpoints.id, id), eq(webhookEndpoints.secretEnc, prev)))
          .returning({ id: webhookEndpoints.id }),
      ),
  },
  {
    name: "webhook_endpoints.previous_secret",
    table: webhookEndpoints,
    pk: webhookEndpoints.id,
    column: webhookEndpoints.previousSecretEnc,
    binding: (id) => bindings.webhookSecret(id, "previous_secret"),
    swap: async (db, id, prev, next) =>
      changed(
        await db
          .update(webhookEndpoints)
          .set({ previousSecretEnc: next })
          .where(and(eq(webhookEndpoints.id, id), eq(webhookEndpoints.previousSecretEnc, prev)))
          .returning({ id: webhookEndpoints.id }),
      ),
  },
];

export type ColumnName = SecretColumn["name"];

// The key id is the second `:`-separated part of `v1:<kid>:<blob>` (kids never contain `:`).
const kidOf = (column: PgColumn): SQL<string> => sql<string>`split_part(${column}, ':', 2)`;

/** Rows per key id for each secret column, e.g. `{ "connections.credentials": { t0: 3 } }`. */
export async function countRowsPerKey(
  deps: Pick<Deps, "db">,
): Promise<Record<ColumnName, Record<string, number>>> {
  const out = {} as Record<ColumnName, Record<string, number>>;
  for (const c of COLUMNS) {
    const rows = await deps.db
      .select({ kid: kidOf(c.column), n: count() })
      .from(c.table)
      .where(isNotNull(c.column))
      .groupBy(kidOf(c.column));
    out[c.name] = Object.fromEntries(rows.map((r) => [r.kid, Number(r.n)]));
  }
  return out;
}

/** Totals per key id over every secret column. */
export function sumPerKey(
  perColumn: Record<string, Record<string, number>>,
): Record<string, number> {
  const total: Record<string, number> = {};
  for (const perKey of Object.values(perColumn)) {
    for (const [kid, n] of Object.entries(perKey)) total[kid] = (total[kid] ?? 0) + n;
  }
  return total;
}

/** Re-encrypt every secret not under the current key, in batches, never overwriting a concurrent write. */
export async function rotateSecrets(
  deps: Pick<Deps, "db" | "keyring">,
  opts: { batch?: number } = {},
): Promise<{
  reencrypted: number;
  perKeyBefore: Record<string, number>;
  perKeyAfter: Record<string, number>;
}> {
  const batch = Math.max(1, opts.batch ?? 200);
  const kid = deps.keyring.currentKeyId;
  const perKeyBefore = sumPerKey(await countRowsPerKey(deps));
  let reencrypted = 0;
  for (const c of COLUMNS) {
    // Keyset pagination by primary key: a row that loses its compare-and-set is not retried
    // (whoever wrote it concurrently encrypted it afresh), so the loop always ends.
    let after = "";
    for (;;) {
      const rows = await deps.db
        .select({ id: sql<string>`${c.pk}`, enc: sql<string>`${c.column}` })
        .from(c.table)
        .where(and(isNotNull(c.column), sql`${kidOf(c.column)} <> ${kid}`, gt(c.pk, after)))
        .orderBy(asc(c.pk))
        .limit(batch);
      if (rows.length === 0) break;
      for (const row of rows) {
        let plaintext: string;
        try {
          plaintext = deps.keyring.decrypt(row.enc, c.binding(row.id));
        } catch (err) {
          throw new Error(`${c.name} row ${row.id}: ${(err as Error).message}`, { cause: err });
        }
        const next = deps.keyring.encrypt(plaintext, c.binding(row.id));
        if (await c.swap(deps.db, row.id, row.enc, next, kid)) reencrypted += 1;
      }
      after = rows[rows.length - 1]!.id;
    }
  }
  const perKeyAfter = sumPerKey(await countRowsPerKey(deps));
  return { reencrypted, perKeyBefore, perKeyAfter };
}
