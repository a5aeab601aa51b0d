// Keyport's own entity routes (no Composio counterpart): erasing an entity, the GDPR case.
import { z } from "zod";
import type { EraseResult } from "@/lib/core/erase";
import { operation } from "./operation";

const V3 = "/api/v3.1";

export const entityErased = z.object({
  user_id: z.string(),
  erased: z.literal(true),
  connections_deleted: z.number().int().min(0),
  /** Connections whose tokens the provider revoked, and those whose revocation failed. */
  revoked: z.number().int().min(0),
  revoke_failed: z.array(z.object({ connected_account_id: z.string(), error: z.string() })),
  executions_deleted: z.number().int().min(0),
});

export const eraseEntityOperation = operation({
  method: "delete",
  path: `${V3}/entities/{user_id}`,
  id: "eraseEntity",
  tag: "Entities",
  summary: "Erase an entity: revoke and delete all its connections, its execution log and itself",
  pathParams: { user_id: z.string().min(1).max(200) },
  response: entityErased,
  responseNote:
    "`{user_id, erased: true, connections_deleted, revoked, revoke_failed[], executions_deleted}`; the audit log records the erasure. A Keyport extension (Composio has no such route).",
});

/** The erasure's outcome in the API's snake_case shape. */
export function entityErasedV3(r: EraseResult): z.input<typeof entityErased> {
  return {
    user_id: r.userId,
    erased: true,
    connections_deleted: r.connectionsDeleted,
    revoked: r.revoked,
    revoke_failed: r.revokeFailed.map((f) => ({ connected_account_id: f.id, error: f.error })),
    executions_deleted: r.executionsDeleted,
  };
}
