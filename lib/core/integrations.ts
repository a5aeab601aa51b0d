// Integrations (= Composio auth configs): a project's auth setup for one app.
import { bindings } from "./bindings";
import { and, count, desc, eq } from "drizzle-orm";
import { connections, integrations, type Integration } from "@/db/schema";
import { isLoopbackUrl, isPublicUrl } from "./urls";
import { REDIRECT_SCHEMES, requireApp, requireScheme } from "./apps";
import { recordAudit } from "./audit";
import type { Actor, Deps } from "./deps";
import { AppError, notFound } from "./errors";
import { newId } from "./ids";
import { seal, unseal, type SecretBag } from "./sealed";

/** What faces may show of an integration: secrets only as "set" / "not set". */
export interface IntegrationView {
  id: string;
  projectId: string;
  appKey: string;
  name: string;
  authScheme: string;
  clientId: string | null;
  clientSecretSet: boolean;
  scopes: string[];
  authorizeUrl: string | null;
  tokenUrl: string | null;
  apiBaseUrl: string | null;
  enabled: boolean;
  createdAt: Date;
  updatedAt: Date;
}

export interface IntegrationInput {
  name?: string;
  authScheme?: string;
  clientId?: string | null;
  clientSecret?: string | null;
  scopes?: string[];
  authorizeUrl?: string | null;
  tokenUrl?: string | null;
  apiBaseUrl?: string | null;
}

/** What callers may see of an integration: named fields only, so a new column stays private until listed here. */
function view(row: Integration): IntegrationView {
  return {
    id: row.id,
    projectId: row.projectId,
    appKey: row.appKey,
    name: row.name,
    authScheme: row.authScheme,
    clientId: row.clientId,
    clientSecretSet: Boolean(row.secretsEnc),
    scopes: row.scopes,
    authorizeUrl: row.authorizeUrl,
    tokenUrl: row.tokenUrl,
    apiBaseUrl: row.apiBaseUrl,
    enabled: row.enabled,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

async function checkOverrides(
  deps: Pick<Deps, "allowLoopbackEgress">,
  appSelfHostable: boolean | undefined,
  input: IntegrationInput,
): Promise<void> {
  for (const field of ["authorizeUrl", "tokenUrl", "apiBaseUrl"] as const) {
    const value = input[field];
    if (!value) continue;
    if (!appSelfHostable)
      throw new AppError("bad_request", `${field}: this app does not take URL overrides`);
    if (deps.allowLoopbackEgress && isLoopbackUrl(value)) continue;
    if (!(await isPublicUrl(value))) {
      throw new AppError("bad_request", `${field}: must be an https URL on a public host`);
    }
  }
}

/** Create an integration for an app of the catalog. */
export async function createIntegration(
  deps: Deps,
  input: IntegrationInput & { projectId: string; appKey: string; actor: Actor },
): Promise<IntegrationView> {
  const app = requireApp(deps, input.appKey);
  const scheme = requireScheme(app, input.authScheme);
  await checkOverrides(deps, app.selfHostable, input);
  if (scheme.mode === "OAUTH2" || scheme.mode === "OAUTH1") {
    if (!input.clientId?.trim())
      throw new AppError("bad_request", "clientId is required for OAuth integrations");
    if (!input.clientSecret)
      throw new AppError("bad_request", "clientSecret is required for OAuth integrations");
  }
  const id = newId("ac");
  const secrets: SecretBag = input.clientSecret ? { client_secret: input.clientSecret } : {};
  const [row] = await deps.db
    .insert(integrations)
    .values({
      id,
      projectId: input.projectId,
      appKey: app.key,
      name: input.name?.trim() || `${app.name} ${scheme.mode.toLowerCase().replace("_", " ")}`,
      authScheme: scheme.mode,
      clientId: input.clientId?.trim() || null,
      secretsEnc: Object.keys(secrets).length
        ? seal(deps, bindings.integrationSecrets(id), secrets)
        : null,
      scopes: input.scopes ?? scheme.oauth2?.defaultScopes ?? [],
      authorizeUrl: input.authorizeUrl ?? null,
      tokenUrl: input.tokenUrl ?? null,
      apiBaseUrl: input.apiBaseUrl ?? null,
    })
    .returning();
  await recordAudit(deps, {
    projectId: input.projectId,
    actor: input.actor,
    verb: "integration.create",
    objectType: "integration",
    objectId: id,
    detail: { app: app.key, scheme: scheme.mode },
  });
  return view(row!);
}

/** A project's integrations, newest first (optionally for one app). */
export async function listIntegrations(
  deps: Pick<Deps, "db">,
  input: { projectId: string; appKey?: string },
): Promise<IntegrationView[]> {
  const where = input.appKey
    ? and(eq(integrations.projectId, input.projectId), eq(integrations.appKey, input.appKey))
    : eq(integrations.projectId, input.projectId);
  const rows = await deps.db
    .select()
    .from(integrations)
    .where(where)
    .orderBy(desc(integrations.createdAt));
  return rows.map(view);
}

/** One integration of the project, or a 404. */
export async function getIntegration(
  deps: Pick<Deps, "db">,
  input: { projectId: string; id: string },
): Promise<IntegrationView> {
  return view(await getIntegrationRow(deps, input));
}

/** Internal: the row including its sealed secrets. */
export async function getIntegrationRow(
  deps: Pick<Deps, "db">,
  input: { projectId: string; id: string },
): Promise<Integration> {
  const [row] = await deps.db
    .select()
    .from(integrations)
    .where(and(eq(integrations.projectId, input.projectId), eq(integrations.id, input.id)));
  if (!row) throw notFound("Auth config");
  return row;
}

/** Internal: decrypted client secret(s) of an integration. */
export function integrationSecrets(deps: Pick<Deps, "keyring">, row: Integration): SecretBag {
  return row.secretsEnc ? unseal(deps, bindings.integrationSecrets(row.id), row.secretsEnc) : {};
}

/** Update an integration; an omitted secret stays as it is (write-only). */
export async function updateIntegration(
  deps: Deps,
  input: IntegrationInput & { projectId: string; id: string; actor: Actor },
): Promise<IntegrationView> {
  const row = await getIntegrationRow(deps, input);
  const app = requireApp(deps, row.appKey);
  await checkOverrides(deps, app.selfHostable, input);
  const patch: Partial<Integration> = {};
  if (input.name !== undefined) patch.name = input.name.trim() || row.name;
  if (input.clientId !== undefined) patch.clientId = input.clientId?.trim() || null;
  if (input.scopes !== undefined) patch.scopes = input.scopes;
  if (input.authorizeUrl !== undefined) patch.authorizeUrl = input.authorizeUrl || null;
  if (input.tokenUrl !== undefined) patch.tokenUrl = input.tokenUrl || null;
  if (input.apiBaseUrl !== undefined) patch.apiBaseUrl = input.apiBaseUrl || null;
  if (input.clientSecret)
    patch.secretsEnc = seal(deps, bindings.integrationSecrets(row.id), {
      client_secret: input.clientSecret,
    });
  if (Object.keys(patch).length === 0)
    throw new AppError(
      "bad_request",
      "Nothing to update: send name, credentials (client_id, client_secret, URL overrides) or scopes",
    );
  if (REDIRECT_SCHEMES.has(row.authScheme as never) && patch.clientId === null) {
    throw new AppError("bad_request", "clientId is required for OAuth integrations");
  }
  const [updated] = await deps.db
    .update(integrations)
    .set(patch)
    .where(and(eq(integrations.projectId, input.projectId), eq(integrations.id, input.id)))
    .returning();
  await recordAudit(deps, {
    projectId: input.projectId,
    actor: input.actor,
    verb: "integration.update",
    objectType: "integration",
    objectId: input.id,
    detail: { fields: Object.keys(patch).map((k) => (k === "secretsEnc" ? "clientSecret" : k)) },
  });
  return view(updated!);
}

/** Enable or disable an integration (disabled: no new connections, no executions). */
export async function setIntegrationEnabled(
  deps: Pick<Deps, "db">,
  input: { projectId: string; id: string; enabled: boolean; actor: Actor },
): Promise<IntegrationView> {
  const [row] = await deps.db
    .update(integrations)
    .set({ enabled: input.enabled })
    .where(and(eq(integrations.projectId, input.projectId), eq(integrations.id, input.id)))
    .returning();
  if (!row) throw notFound("Auth config");
  await recordAudit(deps, {
    projectId: input.projectId,
    actor: input.actor,
    verb: input.enabled ? "integration.enable" : "integration.disable",
    objectType: "integration",
    objectId: input.id,
  });
  return view(row);
}

/** Delete an integration that has no connections left. */
export async function deleteIntegration(
  deps: Pick<Deps, "db">,
  input: { projectId: string; id: string; actor: Actor },
): Promise<void> {
  await getIntegrationRow(deps, input);
  const [used] = await deps.db
    .select({ n: count() })
    .from(connections)
    .where(eq(connections.integrationId, input.id));
  if (used && used.n > 0) {
    throw new AppError(
      "conflict",
      `This auth config still has ${used.n} connection(s); delete them first`,
    );
  }
  await deps.db
    .delete(integrations)
    .where(and(eq(integrations.projectId, input.projectId), eq(integrations.id, input.id)));
  await recordAudit(deps, {
    projectId: input.projectId,
    actor: input.actor,
    verb: "integration.delete",
    objectType: "integration",
    objectId: input.id,
  });
}
