// Connection timeline events → webhook events, in the same transaction (called by recordEvent, so
// no transition can forget its webhook). `data` carries the connection as the v3.1 API shows it.
import { and, eq } from "drizzle-orm";
import { connections, entities, integrations } from "@/db/schema";
import { connectedAccountV3 } from "../connection-v3";
import { viewColumns, type ConnectionView } from "../connection-view";
import type { Actor } from "../deps";
import type { EventType } from "../events";
import { publicTypeOf, type WebhookEventType } from "./event-types";
import { enqueueWebhook, type DbOrTx } from "./outbox";

export interface ConnectionEventInput {
  connectionId: string;
  projectId: string;
  type: EventType;
  actor: Actor;
  detail?: string;
  /** A refresh that worked after failed ones (also publishes connection.recovered). */
  recovered?: boolean;
  /** The view when the row is gone or about to go (connection.deleted). */
  view?: ConnectionView;
}

/** The connection as the v3.1 API shows it, read inside the transaction. */
export async function connectionViewIn(
  db: DbOrTx,
  projectId: string,
  id: string,
): Promise<ConnectionView | undefined> {
  const [row] = await db
    .select(viewColumns)
    .from(connections)
    .innerJoin(entities, eq(entities.id, connections.entityId))
    .innerJoin(integrations, eq(integrations.id, connections.integrationId))
    .where(and(eq(connections.projectId, projectId), eq(connections.id, id)));
  return row;
}

/** The public actor: who did it, without the client address. */
export const publicActor = (a: Actor) => ({ type: a.type, id: a.id ?? null, label: a.label });

/** Enqueue the webhook events one timeline event produces (nothing when no endpoint wants them). */
export async function publishConnectionEvent(
  db: DbOrTx,
  input: ConnectionEventInput,
): Promise<void> {
  const type = publicTypeOf(input.type);
  if (!type) return;
  const types: WebhookEventType[] = [type];
  if (input.recovered) types.push("connection.recovered");
  let view: Promise<ConnectionView | undefined> | undefined;
  const load = () =>
    (view ??= input.view
      ? Promise.resolve(input.view)
      : connectionViewIn(db, input.projectId, input.connectionId));
  for (const t of types) {
    await enqueueWebhook(db, {
      projectId: input.projectId,
      type: t,
      subjectId: input.connectionId,
      data: async () => {
        const v = await load();
        return {
          id: input.connectionId,
          entity_id: v?.entityId ?? null,
          reason: input.detail ?? null,
          actor: publicActor(input.actor),
          ...(t === "connection.reconnected"
            ? { account_changed: input.type === "account_changed" }
            : {}),
          connection: v ? connectedAccountV3(v) : null,
        };
      },
      composioData: async () => {
        const v = await load();
        if (!v) return { id: input.connectionId };
        const wire = connectedAccountV3(v);
        return { ...wire, auth_config: { ...wire.auth_config, auth_scheme: v.authScheme } };
      },
    });
  }
}
