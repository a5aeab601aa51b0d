// The connection an execute resolves for (entity, app), remembered per process so a call costs no
// query. Every change to a connection or an auth config announces itself from a database trigger
// (migration 0005), on this and every other instance, at commit: the cache cannot miss a write path.
import type { UsableConnection } from "./connection-row";
import { TaggedCache } from "./tagged-cache";

/** The channel the triggers NOTIFY on: comma-separated entity ids, or `*` for everything. */
export const CONNECTION_CHANNEL = "keyport_connections";
/** Longest an entry is trusted without a fresh read (bounds a notification lost on a broken link). */
export const CONNECTION_TTL_MS = 10_000;

/** Resolved connections by (project, user id, app) or by (project, id), tagged with the entity id. */
export class ConnectionCache extends TaggedCache<UsableConnection> {
  constructor() {
    super(CONNECTION_TTL_MS);
  }

  static key(projectId: string, userId: string, appKey: string): string {
    return `${projectId}\u0000${userId}\u0000${appKey}`;
  }

  /** An explicit connected account's key (marked: never equal to a key above, whatever the id holds). */
  static idKey(projectId: string, id: string): string {
    return `\u0001${projectId}\u0000${id}`;
  }
}
