// Operator roles (SECURITY.md 27): the one place that says who may do what.
import type { Role } from "@/db/schema";

export type Permission =
  | "read"
  | "connections.operate" // disable/enable, copy reconnect links, delete
  | "actions.run" // test actions, playground
  | "integrations.manage" // see secret status, create/edit/delete integrations
  | "api_keys.manage"
  | "operators.manage"
  | "settings.manage"
  | "audit.read"
  | "projects.create";

const grants: Record<Role, ReadonlySet<Permission>> = {
  viewer: new Set(["read"]),
  support: new Set(["read", "connections.operate", "actions.run"]),
  admin: new Set([
    "read",
    "connections.operate",
    "actions.run",
    "integrations.manage",
    "api_keys.manage",
    "operators.manage",
    "settings.manage",
    "audit.read",
    "projects.create",
  ]),
};

/** Whether a role holds a permission. */
export function can(role: Role, permission: Permission): boolean {
  return grants[role].has(permission);
}
