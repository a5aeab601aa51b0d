// DELETE /api/v3.1/entities/{user_id} – erase an entity (GDPR): its connections are revoked
// upstream and deleted, its execution log and the entity itself deleted; audited
import { eraseEntity } from "@/lib/core/erase";
import { apiOperation } from "@/lib/http/operation";
import { entityErasedV3, eraseEntityOperation } from "@/lib/http/v3-operations";

export const dynamic = "force-dynamic";

export const DELETE = apiOperation(
  eraseEntityOperation,
  async ({ deps, projectId, actor, params }) =>
    entityErasedV3(await eraseEntity(deps, { projectId, userId: params.user_id, actor })),
);
