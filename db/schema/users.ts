import { relations, sql } from "drizzle-orm";
import {
  bigserial,
  boolean,
  check,
  index,
  integer,
  jsonb,
  pgTable,
  serial,
  smallint,
  text,
  timestamp,
  uniqueIndex,
} from "drizzle-orm/pg-core";
import { assemblySeats, districts, lokSabhaSeats, states } from "@/db/schema/geo";

export const USER_ROLES = ["leadership", "district_president", "it_head", "admin"] as const;
export type UserRole = (typeof USER_ROLES)[number];
export const SCOPE_LEVELS = ["state", "pc", "ac", "district"] as const;
export type ScopeLevel = (typeof SCOPE_LEVELS)[number];

/**
 * Dashboard users. The scope is a unit (the state, a PC, an AC or a district): exactly the column of the
 * scope level is set. Role, scope and `active` are re-read from here on every request.
 */
export const users = pgTable(
  "users",
  {
    id: serial("id").primaryKey(),
    email: text("email").notNull(),
    name: text("name").notNull(),
    passwordHash: text("password_hash").notNull(),
    role: text("role").notNull(),
    stateId: smallint("state_id").notNull().references(() => states.id),
    scopeLevel: text("scope_level").notNull(),
    pcId: integer("pc_id").references(() => lokSabhaSeats.id),
    acId: integer("ac_id").references(() => assemblySeats.id),
    districtId: integer("district_id").references(() => districts.id),
    active: boolean("active").notNull().default(true),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("users_email_lower").on(sql`lower(${t.email})`),
    check("users_role", sql`${t.role} IN ('leadership', 'district_president', 'it_head', 'admin')`),
    check("users_scope_level", sql`${t.scopeLevel} IN ('state', 'pc', 'ac', 'district')`),
    check(
      "users_scope_unit",
      sql`(${t.pcId} IS NOT NULL) = (${t.scopeLevel} = 'pc')
        AND (${t.acId} IS NOT NULL) = (${t.scopeLevel} = 'ac')
        AND (${t.districtId} IS NOT NULL) = (${t.scopeLevel} = 'district')`,
    ),
    // A district president's scope is their district; leadership and administrators see the state.
    check(
      "users_role_scope",
      sql`CASE ${t.role}
        WHEN 'district_president' THEN ${t.scopeLevel} = 'district'
        WHEN 'leadership' THEN ${t.scopeLevel} = 'state'
        WHEN 'admin' THEN ${t.scopeLevel} = 'state'
        ELSE true END`,
    ),
    check("users_email_format", sql`${t.email} ~ '^[^@\\s]+@[^@\\s]+$'`),
  ],
);

/**
 * Append-only audit trail (a trigger refuses UPDATE and DELETE). Written in the same transaction as the
 * change it records.
 */
export const auditEvents = pgTable(
  "audit_events",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    stateId: smallint("state_id").references(() => states.id),
    actorUserId: integer("actor_user_id").references(() => users.id),
    /** Who acted when no user did: `system`, `seed`, `import-cli`, an API token id, … */
    actorLabel: text("actor_label"),
    action: text("action").notNull(),
    entityType: text("entity_type").notNull(),
    entityId: text("entity_id"),
    before: jsonb("before"),
    after: jsonb("after"),
    at: timestamp("at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("audit_events_at_idx").on(t.at),
    index("audit_events_entity_idx").on(t.entityType, t.entityId),
    index("audit_events_actor_idx").on(t.actorUserId),
    check("audit_events_actor_present", sql`${t.actorUserId} IS NOT NULL OR ${t.actorLabel} IS NOT NULL`),
  ],
);

export const usersRelations = relations(users, ({ one }) => ({
  state: one(states, { fields: [users.stateId], references: [states.id] }),
  lokSabhaSeat: one(lokSabhaSeats, { fields: [users.pcId], references: [lokSabhaSeats.id] }),
  assemblySeat: one(assemblySeats, { fields: [users.acId], references: [assemblySeats.id] }),
  district: one(districts, { fields: [users.districtId], references: [districts.id] }),
}));
export const auditEventsRelations = relations(auditEvents, ({ one }) => ({
  actor: one(users, { fields: [auditEvents.actorUserId], references: [users.id] }),
}));

export type User = typeof users.$inferSelect;
export type AuditEvent = typeof auditEvents.$inferSelect;
export type NewAuditEvent = typeof auditEvents.$inferInsert;
