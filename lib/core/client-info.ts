// Who a presented API key is: its project and the key's own record (never the key or its hash).
import { and, eq } from "drizzle-orm";
import { apiKeys, projects } from "@/db/schema";
import type { Deps } from "./deps";
import { notFound } from "./errors";

export interface ClientInfo {
  project: { id: string; name: string; slug: string; createdAt: Date };
  apiKey: {
    id: string;
    name: string;
    /** The first characters of the key, as the dashboard shows them. */
    prefix: string;
    createdAt: Date;
    lastUsedAt: Date | null;
  };
}

/** The project and key behind an authenticated request (both scoped to the key's project). */
export async function getClientInfo(
  deps: Pick<Deps, "db">,
  input: { projectId: string; keyId: string },
): Promise<ClientInfo> {
  const [row] = await deps.db
    .select({
      projectId: projects.id,
      projectName: projects.name,
      projectSlug: projects.slug,
      projectCreatedAt: projects.createdAt,
      keyId: apiKeys.id,
      keyName: apiKeys.name,
      prefix: apiKeys.prefix,
      keyCreatedAt: apiKeys.createdAt,
      lastUsedAt: apiKeys.lastUsedAt,
    })
    .from(apiKeys)
    .innerJoin(projects, eq(projects.id, apiKeys.projectId))
    .where(and(eq(apiKeys.projectId, input.projectId), eq(apiKeys.id, input.keyId)));
  if (!row) throw notFound("API key");
  return {
    project: {
      id: row.projectId,
      name: row.projectName,
      slug: row.projectSlug,
      createdAt: row.projectCreatedAt,
    },
    apiKey: {
      id: row.keyId,
      name: row.keyName,
      prefix: row.prefix,
      createdAt: row.keyCreatedAt,
      lastUsedAt: row.lastUsedAt,
    },
  };
}
