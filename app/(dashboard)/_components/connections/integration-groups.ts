// The project's enabled integrations grouped by app, for the "New connection" select.
import type { Deps } from "@/lib/core/deps";
import { listIntegrations } from "@/lib/core/integrations";
import type { AppSummary } from "@/components/connection-table";
import type { IntegrationGroup } from "./new-connection-form";

export async function integrationGroups(
  deps: Pick<Deps, "db">,
  projectId: string,
  apps: ReadonlyMap<string, AppSummary>,
): Promise<IntegrationGroup[]> {
  const groups = new Map<string, IntegrationGroup>();
  for (const i of await listIntegrations(deps, { projectId })) {
    if (!i.enabled) continue;
    const group = groups.get(i.appKey) ?? {
      appKey: i.appKey,
      appName: apps.get(i.appKey)?.name ?? i.appKey,
      integrations: [],
    };
    group.integrations.push({ id: i.id, name: i.name });
    groups.set(i.appKey, group);
  }
  return [...groups.values()].sort((a, b) => a.appName.localeCompare(b.appName, "en"));
}

/** Name and logo of every available app, by key. */
export function appSummaries(apps: Array<{ key: string; name: string; logo: string }>) {
  return new Map<string, AppSummary>(apps.map((a) => [a.key, { name: a.name, logo: a.logo }]));
}
