// Resolving a connect-link token to what the link page needs (and nothing more).
import { and, eq, gt, isNull } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { connections, linkTokens, projects, type Connection, type Integration } from "@/db/schema";
import type { AppDef, AuthSchemeDef } from "@/lib/catalog/types";
import { keyedHash } from "@/lib/crypto";
import { requireApp, requireScheme } from "./apps";
import type { Deps } from "./deps";
import { AppError } from "./errors";
import { getIntegrationRow } from "./integrations";

export interface LinkContext {
  linkId: string;
  connection: Pick<
    Connection,
    | "id"
    | "projectId"
    | "appKey"
    | "authScheme"
    | "status"
    | "returnUrl"
    | "connectionParams"
    | "integrationId"
    | "upstreamIdentity"
  >;
  integration: Integration;
  app: AppDef;
  scheme: AuthSchemeDef;
  project: {
    name: string;
    brandingName: string | null;
    brandingLogoUrl: string | null;
    brandingAccent: string | null;
  };
}

/** The link behind a token, or a readable 404/410-style error. */
export async function openLink(deps: Deps, token: string): Promise<LinkContext> {
  if (!/^[A-Za-z0-9_-]{20,100}$/.test(token))
    throw new AppError("not_found", "This connect link is not valid.");
  const [row] = await deps.db
    .select({
      linkId: linkTokens.id,
      expiresAt: linkTokens.expiresAt,
      usedAt: linkTokens.usedAt,
      connection: {
        id: connections.id,
        projectId: connections.projectId,
        appKey: connections.appKey,
        authScheme: connections.authScheme,
        status: connections.status,
        returnUrl: connections.returnUrl,
        connectionParams: connections.connectionParams,
        integrationId: connections.integrationId,
        upstreamIdentity: connections.upstreamIdentity,
      },
      project: {
        name: projects.name,
        brandingName: projects.brandingName,
        brandingLogoUrl: projects.brandingLogoUrl,
        brandingAccent: projects.brandingAccent,
      },
    })
    .from(linkTokens)
    .innerJoin(connections, eq(connections.id, linkTokens.connectionId))
    .innerJoin(projects, eq(projects.id, connections.projectId))
    .where(eq(linkTokens.hash, keyedHash(deps.pepper, token)));
  if (!row) throw new AppError("not_found", "This connect link is not valid.");
  if (row.usedAt) {
    throw new AppError(
      "conflict",
      (await hasNewerLink(deps, row.linkId))
        ? "This connect link was replaced by a newer one. Ask the app for the new link."
        : "This connect link was already used. Ask the app for a new one.",
    );
  }
  if (row.expiresAt.getTime() < Date.now()) {
    throw new AppError("not_found", "This connect link has expired. Ask the app for a new one.");
  }
  const integration = await getIntegrationRow(deps, {
    projectId: row.connection.projectId,
    id: row.connection.integrationId,
  });
  if (!integration.enabled)
    throw new AppError(
      "conflict",
      "This app's connection is switched off by the project's admins.",
    );
  const app = requireApp(deps, row.connection.appKey);
  return {
    linkId: row.linkId,
    connection: row.connection,
    integration,
    app,
    scheme: requireScheme(app, row.connection.authScheme),
    project: row.project,
  };
}

/** Whether the connection got a link after this one (then this one was retired, not used). */
export async function hasNewerLink(deps: Pick<Deps, "db">, linkId: string): Promise<boolean> {
  const older = alias(linkTokens, "older");
  const [row] = await deps.db
    .select({ id: linkTokens.id })
    .from(linkTokens)
    .innerJoin(older, eq(older.connectionId, linkTokens.connectionId))
    .where(and(eq(older.id, linkId), gt(linkTokens.createdAt, older.createdAt)))
    .limit(1);
  return !!row;
}

/** Mark every open link of a connection as used (after it connected). */
export async function closeLinks(
  db: Pick<Deps["db"], "update">,
  connectionId: string,
): Promise<void> {
  const now = new Date();
  await db
    .update(linkTokens)
    .set({ usedAt: now })
    .where(and(eq(linkTokens.connectionId, connectionId), isNull(linkTokens.usedAt)));
}
