// Tool-router sessions (issue 12): a scoped, expiring grant for one entity's tools over MCP.
// The session token is shown once and stored as a keyed hash, like API keys.
import { index, jsonb, pgTable, text, timestamp } from "drizzle-orm/pg-core";
import { projects } from "./projects";

export const toolSessions = pgTable(
  "tool_sessions",
  {
    id: text().primaryKey(), // trs_…
    projectId: text()
      .notNull()
      .references(() => projects.id, { onDelete: "cascade" }),
    /** The entity's external id (user_id on the wire). */
    userId: text().notNull(),
    /** Allowed app keys; every app with actions when empty. */
    toolkits: jsonb().$type<string[]>().notNull(),
    /** Allowed action names; every action of the allowed apps when null. */
    tools: jsonb().$type<string[] | null>(),
    /** Pinned connected accounts per app key (several accounts of one app are allowed). */
    connectedAccounts: jsonb().$type<Record<string, string[]>>().notNull(),
    /** "direct" (each action a tool) or "meta" (search / schemas / execute / connections). */
    mode: text().notNull(),
    /** First characters of the token, to recognise it. */
    tokenPrefix: text().notNull(),
    /** HMAC-SHA-256 of the token with the server pepper. */
    tokenHash: text().notNull().unique(),
    createdBy: text(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp({ withTimezone: true }).notNull(),
    revokedAt: timestamp({ withTimezone: true }),
    lastUsedAt: timestamp({ withTimezone: true }),
  },
  (t) => [index().on(t.projectId, t.userId, t.createdAt)],
);

export type ToolSession = typeof toolSessions.$inferSelect;
