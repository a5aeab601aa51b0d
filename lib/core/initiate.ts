// Initiate a connection: OAuth schemes get a connect link; credential schemes become ACTIVE at once.
import { bindings } from "./bindings";
import { and, desc, eq, isNotNull, lt, or, sql } from "drizzle-orm";
import type { Tx } from "@/db";
import { authFlows, connections, integrations, projects, type ConnectionStatus } from "@/db/schema";
import type { AppDef, AuthSchemeDef, FieldDef } from "@/lib/catalog/types";
import { REDIRECT_SCHEMES, requireApp, requireScheme } from "./apps";
import type { Actor, Deps } from "./deps";
import { getOrCreateEntity } from "./entities";
import { recordAudit } from "./audit";
import { AppError } from "./errors";
import { recordEvent } from "./events";
import { newId } from "./ids";
import { createIntegration, getIntegrationRow } from "./integrations";
import { issueLink, type ConnectLink } from "./links";
import { checkReturnUrl } from "./return-url";
import { hintsOf, seal, type SecretBag } from "./sealed";
import { apiBaseFor, fetchIdentity, verifyCredentials } from "./upstream";
import { getConnection, type ConnectionView } from "./connections";

export interface InitiateInput {
  projectId: string;
  userId?: string;
  integrationId?: string;
  appKey?: string;
  authScheme?: string;
  returnUrl?: string | null;
  /** Credential values for API_KEY / BEARER_TOKEN / BASIC (else the end user types them on the link page). */
  credentials?: Record<string, string>;
  /** Non-secret per-connection values (subdomain, shop). */
  connectionParams?: Record<string, string>;
  labels?: string[];
  actor: Actor;
}

export interface InitiateResult {
  connection: ConnectionView;
  link: ConnectLink | null;
  integration: { id: string; isNew: boolean };
}

/** Check values against field definitions; returns only the known fields. Names each bad field. */
export function checkFields(
  fields: FieldDef[],
  values: Record<string, string> = {},
  what: string,
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const f of fields) {
    const v = values[f.name]?.trim() ?? f.default;
    if (!v) {
      if (f.required) throw new AppError("bad_request", `${what}.${f.name} is required`);
      continue;
    }
    if (v.length > 4000) throw new AppError("bad_request", `${what}.${f.name} is too long`);
    if (f.pattern && !new RegExp(f.pattern).test(v)) {
      throw new AppError("bad_request", `${what}.${f.name} has the wrong format`);
    }
    out[f.name] = v;
  }
  return out;
}

/** The integration to use: the given one, or the project's newest for the app (created for key-based apps). */
async function resolveIntegration(deps: Deps, input: InitiateInput) {
  if (input.integrationId) {
    const row = await getIntegrationRow(deps, {
      projectId: input.projectId,
      id: input.integrationId,
    });
    if (!row.enabled) throw new AppError("bad_request", `Auth config ${row.id} is disabled`);
    return { row, isNew: false };
  }
  if (!input.appKey) throw new AppError("bad_request", "Give an auth config id or an app name");
  const app = requireApp(deps, input.appKey);
  const [row] = await deps.db
    .select()
    .from(integrations)
    .where(
      and(
        eq(integrations.projectId, input.projectId),
        eq(integrations.appKey, app.key),
        eq(integrations.enabled, true),
      ),
    )
    .orderBy(desc(integrations.createdAt))
    .limit(1);
  if (row && (!input.authScheme || row.authScheme === input.authScheme.toUpperCase()))
    return { row, isNew: false };
  const scheme = requireScheme(app, input.authScheme);
  if (REDIRECT_SCHEMES.has(scheme.mode)) {
    throw new AppError(
      "bad_request",
      `No auth config for ${app.name} yet: create one with your OAuth client id and secret first`,
    );
  }
  const view = await createIntegration(deps, {
    projectId: input.projectId,
    appKey: app.key,
    authScheme: scheme.mode,
    actor: input.actor,
  });
  return {
    row: await getIntegrationRow(deps, { projectId: input.projectId, id: view.id }),
    isNew: true,
  };
}

/** The project's allow-list of return origins as it is now. */
export async function allowedOrigins(deps: Pick<Deps, "db">, projectId: string): Promise<string[]> {
  const [p] = await deps.db
    .select({ o: projects.allowedReturnOrigins })
    .from(projects)
    .where(eq(projects.id, projectId));
  return p?.o ?? [];
}

/** Check credentials upstream and describe the identity, before anything is stored. */
export async function checkTypedCredentials(
  deps: Deps,
  input: {
    app: AppDef;
    scheme: AuthSchemeDef;
    values: Record<string, string>;
    connectionParams: Record<string, string>;
    apiBaseOverride?: string | null;
  },
) {
  const secrets: SecretBag = checkFields(input.scheme.fields, input.values, "credentials");
  const base = apiBaseFor(input.app, input.connectionParams, input.apiBaseOverride);
  const credentials = { scheme: input.scheme, secrets };
  await verifyCredentials(deps, { app: input.app, base, credentials });
  const identity = await fetchIdentity(deps, {
    app: input.app,
    base,
    credentials,
    params: { ...input.connectionParams, ...secrets },
  });
  return { secrets, identity };
}

/** Create a connection for an entity. */
export async function initiateConnection(
  deps: Deps,
  input: InitiateInput,
): Promise<InitiateResult> {
  const { row: integration, isNew } = await resolveIntegration(deps, input);
  const app = requireApp(deps, integration.appKey);
  const scheme = requireScheme(app, integration.authScheme);
  let returnUrl: string | null = null;
  if (input.returnUrl) {
    returnUrl = checkReturnUrl(input.returnUrl, await allowedOrigins(deps, input.projectId));
    if (!returnUrl) {
      throw new AppError(
        "bad_request",
        "callback_url is not allowed: its origin must be in the project's allowed return origins",
      );
    }
  }
  const params = checkFields(app.connectionFields, input.connectionParams, "connection_params");
  const labels = (input.labels ?? [])
    .map((l) => l.trim())
    .filter(Boolean)
    .slice(0, 20);
  const id = newId("ca");
  const typed =
    scheme.mode !== "NO_AUTH" &&
    !REDIRECT_SCHEMES.has(scheme.mode) &&
    input.credentials &&
    Object.keys(input.credentials).length > 0;
  let status: ConnectionStatus = "INITIATED";
  let sealed: {
    enc: string;
    hints: Record<string, string>;
    identity: Awaited<ReturnType<typeof fetchIdentity>>;
  } | null = null;
  if (scheme.mode === "NO_AUTH") status = "ACTIVE";
  if (typed) {
    const checked = await checkTypedCredentials(deps, {
      app,
      scheme,
      values: input.credentials!,
      connectionParams: params,
      apiBaseOverride: integration.apiBaseUrl,
    });
    sealed = {
      enc: seal(deps, bindings.connectionCredentials(id), checked.secrets),
      hints: hintsOf(checked.secrets),
      identity: checked.identity,
    };
    status = "ACTIVE";
  }
  // Only now, after any credential check passed, and in the connection's own transaction:
  // a refused key or a failed insert must not leave an entity behind.
  let connectionId = id;
  const link = await deps.db.transaction(async (tx) => {
    const entity = await getOrCreateEntity(
      { db: tx },
      { projectId: input.projectId, externalId: input.userId ?? "default" },
    );
    if (status === "INITIATED") {
      const pending = await reusablePending(tx, {
        entityId: entity.id,
        integrationId: integration.id,
        params,
        staleBefore: new Date(Date.now() - deps.flowTtlSeconds * 1000),
      });
      if (pending) {
        connectionId = pending;
        return reusePending(deps, tx, { ...input, connectionId, labels, returnUrl });
      }
    }
    await tx.insert(connections).values({
      id,
      projectId: input.projectId,
      entityId: entity.id,
      integrationId: integration.id,
      appKey: app.key,
      authScheme: scheme.mode,
      status,
      credentialsEnc: sealed?.enc ?? null,
      keyId: sealed ? deps.keyring.currentKeyId : null,
      credentialHints: sealed?.hints ?? {},
      upstreamIdentity: sealed?.identity ?? null,
      upstreamLogin: sealed?.identity?.login ?? null,
      connectionParams: params,
      labels,
      returnUrl,
    });
    await recordEvent(tx, {
      connectionId: id,
      projectId: input.projectId,
      type: status === "ACTIVE" ? "connected" : "initiated",
      actor: input.actor,
      detail:
        status === "ACTIVE"
          ? `Connected with ${scheme.mode}`
          : `Waiting for the end user (${scheme.mode})`,
    });
    if (status === "ACTIVE") return null;
    return issueLink(deps, tx, {
      projectId: input.projectId,
      connectionId: id,
      actor: input.actor,
    });
  });
  return {
    connection: await getConnection(deps, { projectId: input.projectId, id: connectionId }),
    link,
    integration: { id: integration.id, isNew },
  };
}

/**
 * The entity's newest abandoned connection for the same integration and connection parameters —
 * a connect link nobody finished (EXPIRED by the sweep, or INITIATED with its newest link older
 * than the flow TTL and no flow at the provider) — locked, or null: a new link reuses it instead
 * of leaving a twin behind (issue 13 item 3). A pending link still in its TTL is left alone: the
 * end user may be on it right now.
 */
async function reusablePending(
  tx: Tx,
  input: {
    entityId: string;
    integrationId: string;
    params: Record<string, string>;
    staleBefore: Date;
  },
): Promise<string | null> {
  const rows = await tx
    .select({ id: connections.id, params: connections.connectionParams })
    .from(connections)
    .where(
      and(
        eq(connections.entityId, input.entityId),
        eq(connections.integrationId, input.integrationId),
        or(
          and(
            eq(connections.status, "INITIATED"),
            lt(connections.updatedAt, input.staleBefore),
            sql`not exists (select 1 from ${authFlows} where ${authFlows.connectionId} = ${connections.id} and ${authFlows.expiresAt} > now())`,
          ),
          and(eq(connections.status, "EXPIRED"), isNotNull(connections.abandonedAt)),
        ),
      ),
    )
    .orderBy(desc(connections.createdAt))
    .limit(1)
    .for("update");
  const same = (a: Record<string, string>, b: Record<string, string>) =>
    Object.keys(a).length === Object.keys(b).length &&
    Object.entries(a).every(([k, v]) => b[k] === v);
  const row = rows[0];
  return row && same(row.params, input.params) ? row.id : null;
}

/** Make an abandoned connection waiting again, with this request's labels and return URL, and a new link. */
async function reusePending(
  deps: Deps,
  tx: Tx,
  input: InitiateInput & { connectionId: string; labels: string[]; returnUrl: string | null },
): Promise<ConnectLink> {
  await tx
    .update(connections)
    .set({
      status: "INITIATED",
      statusReason: null,
      abandonedAt: null,
      labels: input.labels,
      returnUrl: input.returnUrl,
    })
    .where(eq(connections.id, input.connectionId));
  await recordEvent(tx, {
    connectionId: input.connectionId,
    projectId: input.projectId,
    type: "initiated",
    actor: input.actor,
    detail: "Waiting for the end user again: a new connect link reuses this abandoned connection",
  });
  return issueLink(deps, tx, {
    projectId: input.projectId,
    connectionId: input.connectionId,
    actor: input.actor,
  });
}

/** A new connect link for an existing connection: reconnect keeps the same connection id. */
export async function createReconnectLink(
  deps: Deps,
  input: { projectId: string; id: string; actor: Actor },
): Promise<ConnectLink> {
  const conn = await getConnection(deps, input);
  if (conn.authScheme === "NO_AUTH")
    throw new AppError("bad_request", "A no-auth connection has nothing to reconnect");
  return deps.db.transaction(async (tx) => {
    const link = await issueLink(deps, tx, {
      projectId: input.projectId,
      connectionId: conn.id,
      actor: input.actor,
    });
    // The status changes when the end user finishes; the audit says who started it and from what.
    await recordAudit(
      { db: tx },
      {
        projectId: input.projectId,
        actor: input.actor,
        verb: "connection.reconnect",
        objectType: "connection",
        objectId: conn.id,
        detail: {
          from: { status: conn.status, enabled: conn.enabled },
          to: { status: "awaiting end user", link: link.id },
        },
      },
    );
    return link;
  });
}
