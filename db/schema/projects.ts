import { sql } from "drizzle-orm";
import {
  boolean,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
} from "drizzle-orm/pg-core";

export const projects = pgTable("projects", {
  id: text().primaryKey(),
  name: text().notNull(),
  slug: text().notNull().unique(),
  /** Origins the connect flow may send end users back to (exact match). */
  allowedReturnOrigins: jsonb()
    .$type<string[]>()
    .notNull()
    .default(sql`'[]'::jsonb`),
  brandingName: text(),
  brandingLogoUrl: text(),
  brandingAccent: text(),
  createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
});

export const operators = pgTable(
  "operators",
  {
    id: text().primaryKey(),
    email: text().notNull(),
    name: text().notNull(),
    passwordHash: text().notNull(),
    /** Bumped when the password changes; sessions signed in under an older epoch are refused. */
    sessionEpoch: integer().notNull().default(0),
    /** Set for a one-time password (a new operator, a reset): the next sign-in must choose a new one. */
    mustChangePassword: boolean().notNull().default(false),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true })
      .notNull()
      .defaultNow()
      .$onUpdate(() => new Date()),
  },
  (t) => [uniqueIndex("operators_email_key").on(sql`lower(${t.email})`)],
);

export const roles = ["admin", "support", "viewer"] as const;
export type Role = (typeof roles)[number];

export const projectMembers = pgTable(
  "project_members",
  {
    projectId: text()
      .notNull()
      .references(() => projects.id, { onDelete: "cascade" }),
    operatorId: text()
      .notNull()
      .references(() => operators.id, { onDelete: "cascade" }),
    role: text().$type<Role>().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.projectId, t.operatorId] }), index().on(t.operatorId)],
);

/**
 * Sign-in limits shared by every instance, one row per key ("client:<address>", "pair:<address>
 * <email>"): a token bucket kept as one time (GCRA). Every token is back at `refilled_at`; each
 * attempt pushes it one interval further; a row whose time has passed is a full bucket.
 */
export const signInLimits = pgTable(
  "sign_in_limits",
  {
    key: text().primaryKey(),
    refilledAt: timestamp({ withTimezone: true }).notNull(),
  },
  (t) => [index().on(t.refilledAt)],
);

/**
 * Dashboard sessions: the session cookie carries an id whose keyed hash is `id`; every request
 * needs the row, and sign-out deletes it, so a copied cookie stops working at sign-out.
 */
export const operatorSessions = pgTable(
  "operator_sessions",
  {
    id: text().primaryKey(),
    operatorId: text()
      .notNull()
      .references(() => operators.id, { onDelete: "cascade" }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp({ withTimezone: true }).notNull(),
  },
  (t) => [index().on(t.operatorId), index().on(t.expiresAt)],
);

export const apiKeys = pgTable(
  "api_keys",
  {
    id: text().primaryKey(),
    projectId: text()
      .notNull()
      .references(() => projects.id, { onDelete: "cascade" }),
    name: text().notNull(),
    /** First characters of the key, shown in the UI to recognise it. */
    prefix: text().notNull(),
    /** HMAC-SHA-256 of the full key with the server pepper. */
    hash: text().notNull().unique(),
    createdBy: text(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    lastUsedAt: timestamp({ withTimezone: true }),
    revokedAt: timestamp({ withTimezone: true }),
  },
  (t) => [index().on(t.projectId, t.createdAt)],
);

export type Project = typeof projects.$inferSelect;
export type Operator = typeof operators.$inferSelect;
export type ProjectMember = typeof projectMembers.$inferSelect;
export type ApiKey = typeof apiKeys.$inferSelect;
export type OperatorSession = typeof operatorSessions.$inferSelect;
