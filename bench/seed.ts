// Bulk seed for the scale bench: entities and connections straight into Postgres (INSERT … SELECT generate_series).
import postgres from "postgres";
import { brief, type ApiClient } from "./http";

/** Apps that get an integration through the API (besides the sandbox ones the server seeds). */
const EXTRA_APPS: Array<{ slug: string; oauth: boolean }> = [
  { slug: "github", oauth: true },
  { slug: "slack", oauth: true },
  { slug: "gmail", oauth: true },
  { slug: "notion", oauth: true },
  { slug: "linear", oauth: true },
  { slug: "hubspot", oauth: true },
  { slug: "gitlab", oauth: true },
  { slug: "openai", oauth: false },
  { slug: "stripe", oauth: false },
];

/** Share of connections per app (sums to 100). */
export const APP_WEIGHTS: Record<string, number> = {
  github: 20,
  slack: 15,
  gmail: 10,
  notion: 10,
  linear: 8,
  hubspot: 7,
  gitlab: 6,
  openai: 6,
  stripe: 6,
  sandbox_key: 6,
  sandbox: 6,
};

/** Share of connections per status (sums to 100). */
export const STATUS_WEIGHTS: Record<string, number> = {
  ACTIVE: 85,
  FAILED: 6,
  EXPIRED: 5,
  INITIATED: 4,
};

/** 100 slots filled in proportion to the weights: slot i → key. */
export function slots(weights: Record<string, number>): string[] {
  const out = Object.entries(weights).flatMap(([k, w]) => Array<string>(w).fill(k));
  if (out.length !== 100) throw new Error(`weights sum to ${out.length}, not 100`);
  return out;
}

export interface SeedResult {
  entities: number;
  connections: number;
  app_keys: number;
  seconds: number;
  counts_ok: boolean;
}

/** Create the extra integrations through the API (idempotent per app). */
export async function createIntegrations(api: ApiClient): Promise<void> {
  for (const app of EXTRA_APPS) {
    const existing = await api<{ items?: unknown[] }>(
      "GET",
      `/api/v3.1/auth_configs?toolkit_slug=${app.slug}`,
    );
    if (existing.body.items?.length) continue;
    const r = await api("POST", "/api/v3.1/auth_configs", {
      toolkit: { slug: app.slug },
      auth_config: {
        type: "use_custom_auth",
        name: `Bench ${app.slug}`,
        ...(app.oauth
          ? { credentials: { client_id: `bench-${app.slug}`, client_secret: "bench-secret" } }
          : {}),
      },
    });
    if (r.status !== 201)
      throw new Error(`creating the ${app.slug} integration: HTTP ${r.status} ${brief(r.body)}`);
  }
}

const CHUNK = 100_000;

/**
 * Seed `entities` entities (user_1 … user_N) and `connections` connections into the project,
 * then VACUUM ANALYZE. Each entity gets connections/entities connections, spread over the apps.
 */
export async function seed(
  url: string,
  projectId: string,
  sizes: { entities: number; connections: number },
  log: (line: string) => void,
): Promise<SeedResult> {
  const started = Date.now();
  const sql = postgres(url, { max: 1, onnotice: () => {} });
  try {
    await sql.unsafe("set synchronous_commit = off");
    const integrations = await sql<Array<{ id: string; app_key: string; auth_scheme: string }>>`
      select id, app_key, auth_scheme from integrations where project_id = ${projectId} order by created_at`;
    const byApp = new Map(integrations.map((i) => [i.app_key, i]));
    const appSlots = slots(APP_WEIGHTS).map((app) => {
      const i = byApp.get(app);
      if (!i) throw new Error(`no integration for ${app} in the Default project`);
      return i;
    });
    const statusSlots = slots(STATUS_WEIGHTS);
    const [before] = await sql<Array<{ e: string; c: string }>>`
      select (select count(*) from entities where project_id = ${projectId}) as e,
             (select count(*) from connections where project_id = ${projectId}) as c`;

    const N = sizes.entities;
    for (let from = 1; from <= N; from += CHUNK) {
      const to = Math.min(N, from + CHUNK - 1);
      await sql`
        insert into entities (id, project_id, external_id, created_at)
        select 'ent_' || substr(md5('e' || g), 1, 20), ${projectId}, 'user_' || g,
               now() - random() * interval '90 days'
        from generate_series(${from}::bigint, ${to}::bigint) g`;
    }
    log(
      `  seeded ${N.toLocaleString("en")} entities (${((Date.now() - started) / 1000).toFixed(1)} s)`,
    );

    // Bulk load: build the secondary indexes once afterwards instead of updating them row by row
    // (each is recreated from its own definition, so the measured schema is exactly the real one).
    const secondary = await sql<Array<{ name: string; def: string }>>`
      select i.indexrelid::regclass::text as name, pg_get_indexdef(i.indexrelid) as def
      from pg_index i
      where i.indrelid = 'connections'::regclass
        and not exists (select 1 from pg_constraint c where c.conindid = i.indexrelid)`;
    for (const ix of secondary) await sql.unsafe(`drop index ${ix.name}`);

    const ids = appSlots.map((i) => i.id);
    const keys = appSlots.map((i) => i.app_key);
    const schemes = appSlots.map((i) => i.auth_scheme);
    const M = sizes.connections;
    for (let from = 1; from <= M; from += CHUNK) {
      const to = Math.min(M, from + CHUNK - 1);
      // Entity of row g: (g·7919 mod N) + 1 — a permutation, so every entity gets M/N connections.
      // INITIATED rows are recent (older ones would already be EXPIRED by the sweep).
      await sql`
        insert into connections (id, project_id, entity_id, integration_id, app_key, auth_scheme,
                                 status, status_reason, created_at, updated_at, upstream_login)
        select 'ca_' || substr(md5('c' || g), 1, 20), ${projectId},
               'ent_' || substr(md5('e' || ((g * 7919) % ${N} + 1)), 1, 20),
               (${sql.array(ids)}::text[])[a], (${sql.array(keys)}::text[])[a], (${sql.array(schemes)}::text[])[a],
               st,
               case st when 'FAILED' then 'Seeded failure' when 'EXPIRED' then 'Seeded expiry' end,
               at, at,
               case when st = 'ACTIVE' and g % 10 < 3 then 'login_' || g end
        from (
          select g, a, st,
                 case when st = 'INITIATED' then now() - random() * interval '5 minutes'
                      else now() - random() * interval '90 days' end as at
          from (
            select g, 1 + floor(random() * 100)::int as a,
                   (${sql.array(statusSlots)}::text[])[1 + floor(random() * 100)::int] as st
            from generate_series(${from}::bigint, ${to}::bigint) g
          ) r
        ) x`;
      log(
        `  seeded ${to.toLocaleString("en")} / ${M.toLocaleString("en")} connections (${((Date.now() - started) / 1000).toFixed(1)} s)`,
      );
    }
    await sql.unsafe("set maintenance_work_mem = '256MB'");
    for (const ix of secondary) await sql.unsafe(ix.def);
    log(
      `  rebuilt ${secondary.length} connection indexes (${((Date.now() - started) / 1000).toFixed(1)} s)`,
    );
    // VACUUM sets the visibility map as autovacuum would have on a long-lived table (index-only scans).
    await sql.unsafe("vacuum (analyze) connections");
    await sql.unsafe("vacuum (analyze) entities");
    await sql.unsafe("analyze");
    const [after] = await sql<Array<{ e: string; c: string; apps: string }>>`
      select (select count(*) from entities where project_id = ${projectId}) as e,
             (select count(*) from connections where project_id = ${projectId}) as c,
             (select count(distinct app_key) from connections where project_id = ${projectId}) as apps`;
    const entities = Number(after!.e) - Number(before!.e);
    const connections = Number(after!.c) - Number(before!.c);
    return {
      entities,
      connections,
      app_keys: Number(after!.apps),
      seconds: Math.round((Date.now() - started) / 100) / 10,
      counts_ok: entities === N && connections === M,
    };
  } finally {
    await sql.end({ timeout: 5 });
  }
}
