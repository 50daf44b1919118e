import { relations, sql } from "drizzle-orm";
import {
  check,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  serial,
  smallint,
  text,
  timestamp,
  uniqueIndex,
} from "drizzle-orm/pg-core";
import { assemblySeats, states } from "@/db/schema/geo";
import { appointments, workers } from "@/db/schema/people";
import { users } from "@/db/schema/users";

/**
 * API tokens of the mobile enrolment app. Each belongs to one post (an appointment of an enroller or chief
 * enroller): its scope is that post's booths, and it stops working the moment the post ends or the token is
 * revoked. Only a SHA-256 hash is stored; the token is shown once.
 */
export const apiTokens = pgTable(
  "api_tokens",
  {
    id: serial("id").primaryKey(),
    stateId: smallint("state_id").notNull().references(() => states.id),
    appointmentId: integer("appointment_id")
      .notNull()
      .references(() => appointments.id),
    workerId: integer("worker_id")
      .notNull()
      .references(() => workers.id),
    tokenHash: text("token_hash").notNull(),
    /** The first characters, to tell tokens apart in lists. */
    tokenPrefix: text("token_prefix").notNull(),
    label: text("label"),
    createdBy: integer("created_by").references(() => users.id),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    revokedAt: timestamp("revoked_at", { withTimezone: true }),
    revokedBy: integer("revoked_by").references(() => users.id),
    lastUsedAt: timestamp("last_used_at", { withTimezone: true }),
  },
  (t) => [
    uniqueIndex("api_tokens_hash").on(t.tokenHash),
    index("api_tokens_appointment_idx").on(t.appointmentId),
    check("api_tokens_hash_format", sql`${t.tokenHash} ~ '^[0-9a-f]{64}$'`),
  ],
);

/**
 * The stored answer to an enrolment request, per token and Idempotency-Key. Written in the same transaction
 * as the member it created, so a retry gets the same answer and a concurrent duplicate hits the primary key.
 */
export const idempotencyRecords = pgTable(
  "idempotency_records",
  {
    tokenId: integer("token_id")
      .notNull()
      .references(() => apiTokens.id),
    key: text("key").notNull(),
    stateId: smallint("state_id").notNull().references(() => states.id),
    /** SHA-256 of the canonical request body: the same key with another body is refused. */
    requestHash: text("request_hash").notNull(),
    status: smallint("status").notNull(),
    response: jsonb("response").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.tokenId, t.key] }),
    check("idempotency_records_key_length", sql`length(${t.key}) BETWEEN 1 AND 200`),
    index("idempotency_records_created_idx").on(t.createdAt),
  ],
);

/**
 * A bulk member import, committed in chunks: `nextLine` is the first line not yet committed, so a crash or
 * a cancel leaves every committed chunk counted and the import resumes from there (never half a chunk).
 */
export const memberImports = pgTable(
  "member_imports",
  {
    id: serial("id").primaryKey(),
    stateId: smallint("state_id").notNull().references(() => states.id),
    createdBy: integer("created_by").references(() => users.id),
    actorLabel: text("actor_label"),
    fileName: text("file_name").notNull(),
    fileSha256: text("file_sha256").notNull(),
    totalRows: integer("total_rows").notNull().default(0),
    nextLine: integer("next_line").notNull().default(2),
    created: integer("created").notNull().default(0),
    duplicates: integer("duplicates").notNull().default(0),
    rejected: integer("rejected").notNull().default(0),
    status: text("status").notNull().default("running"),
    startedAt: timestamp("started_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
    finishedAt: timestamp("finished_at", { withTimezone: true }),
  },
  (t) => [
    check("member_imports_status", sql`${t.status} IN ('running', 'done', 'failed', 'cancelled')`),
    check("member_imports_counts", sql`${t.created} >= 0 AND ${t.duplicates} >= 0 AND ${t.rejected} >= 0`),
    // One unfinished import of the same file at a time: a second start resumes it.
    uniqueIndex("member_imports_one_open_per_file")
      .on(t.stateId, t.fileSha256)
      .where(sql`${t.status} IN ('running', 'failed', 'cancelled')`),
  ],
);

/** The outcome of each line of an import, committed with its chunk; downloadable afterwards. */
export const memberImportRows = pgTable(
  "member_import_rows",
  {
    importId: integer("import_id")
      .notNull()
      .references(() => memberImports.id),
    line: integer("line").notNull(),
    outcome: text("outcome").notNull(),
    reason: text("reason"),
    membershipNo: text("membership_no"),
  },
  (t) => [
    primaryKey({ columns: [t.importId, t.line] }),
    check("member_import_rows_outcome", sql`${t.outcome} IN ('created', 'duplicate', 'rejected')`),
  ],
);

/** Assembly-seat boundaries imported from a GeoJSON file (the seat's geometry), for the coverage map. */
export const acBoundaries = pgTable("ac_boundaries", {
  acId: integer("ac_id")
    .primaryKey()
    .references(() => assemblySeats.id),
  stateId: smallint("state_id").notNull().references(() => states.id),
  geometry: jsonb("geometry").notNull(),
  importedAt: timestamp("imported_at", { withTimezone: true }).notNull().defaultNow(),
});

export const apiTokensRelations = relations(apiTokens, ({ one }) => ({
  appointment: one(appointments, { fields: [apiTokens.appointmentId], references: [appointments.id] }),
  worker: one(workers, { fields: [apiTokens.workerId], references: [workers.id] }),
}));
export const memberImportsRelations = relations(memberImports, ({ many }) => ({ rows: many(memberImportRows) }));
export const memberImportRowsRelations = relations(memberImportRows, ({ one }) => ({
  import: one(memberImports, { fields: [memberImportRows.importId], references: [memberImports.id] }),
}));

export type ApiToken = typeof apiTokens.$inferSelect;
export type MemberImport = typeof memberImports.$inferSelect;
