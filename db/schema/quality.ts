import { relations, sql } from "drizzle-orm";
import {
  bigint,
  bigserial,
  check,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  smallint,
  text,
  timestamp,
  unique,
} from "drizzle-orm/pg-core";
import { districts, states } from "@/db/schema/geo";
import { apiTokens } from "@/db/schema/enrolment";
import { members } from "@/db/schema/members";
import { workers } from "@/db/schema/people";
import { users } from "@/db/schema/users";

/** Why a sign-up is doubtful. Each reason is one documented signal (lib/members/quality). */
export const FLAG_REASONS = ["shared_phone", "near_duplicate", "photo_reuse", "burst", "epic_pattern", "disowned"] as const;
export type FlagReason = (typeof FLAG_REASONS)[number];
/**
 * `open` (waiting for review), `confirmed` (a reviewer found the member genuine), `voided` (a reviewer voided
 * the member), `cleared` (the signal no longer holds, e.g. after a threshold was raised; a later scan may
 * reopen it). Confirmed and voided are decisions: dated, by a user, with a note.
 */
export const FLAG_STATUSES = ["open", "confirmed", "voided", "cleared"] as const;
export type FlagStatus = (typeof FLAG_STATUSES)[number];

/**
 * One explainable flag per member and reason: the reason code, what was found (`detail`: numbers and masked
 * values the words are built from, never raw personal data), when, and its review. Flags never delete or
 * void anything by themselves; an open flag puts its member "under review" (a trigger keeps
 * `members.standing`).
 */
export const memberFlags = pgTable(
  "member_flags",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    stateId: smallint("state_id").notNull().references(() => states.id),
    memberId: bigint("member_id", { mode: "number" })
      .notNull()
      .references(() => members.id, { onDelete: "cascade" }),
    reason: text("reason").notNull(),
    status: text("status").notNull().default("open"),
    detail: jsonb("detail").notNull().default(sql`'{}'::jsonb`),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
    decidedAt: timestamp("decided_at", { withTimezone: true }),
    decidedBy: integer("decided_by").references(() => users.id),
    decisionNote: text("decision_note"),
  },
  (t) => [
    unique("member_flags_member_reason").on(t.memberId, t.reason),
    check("member_flags_reason", sql`${t.reason} IN ('shared_phone', 'near_duplicate', 'photo_reuse', 'burst', 'epic_pattern', 'disowned')`),
    check("member_flags_status", sql`${t.status} IN ('open', 'confirmed', 'voided', 'cleared')`),
    check("member_flags_decided", sql`(${t.status} IN ('confirmed', 'voided')) = (${t.decidedAt} IS NOT NULL)`),
    index("member_flags_open_idx").on(t.stateId, t.reason, t.createdAt).where(sql`${t.status} = 'open'`),
    index("member_flags_status_idx").on(t.status, t.reason),
  ],
);

/**
 * What the signals compare, derived from a member's personal data by the quality job: the normalised name key
 * (lib/members/quality/name-key.ts) and the photo's 64-bit perceptual hash. Deleted with the personal data
 * (erasure and void), since the name key is personal data too.
 */
export const memberFingerprints = pgTable(
  "member_fingerprints",
  {
    memberId: bigint("member_id", { mode: "number" })
      .primaryKey()
      .references(() => members.id, { onDelete: "cascade" }),
    stateId: smallint("state_id").notNull().references(() => states.id),
    acId: integer("ac_id").notNull(),
    nameKey: text("name_key").notNull(),
    age: smallint("age").notNull(),
    photoHash: bigint("photo_hash", { mode: "bigint" }),
  },
  (t) => [
    index("member_fingerprints_name_idx").on(t.acId, t.nameKey, t.age),
    // The members search's name match across scripts: a key prefix (LIKE 'sunit%') is a range of this index.
    index("member_fingerprints_name_key_prefix_idx").on(t.nameKey.op("text_pattern_ops")),
    // The photo lookup finds candidates by any equal 16-bit band of the hash, then checks the exact distance.
    index("member_fingerprints_band0_idx").on(sql`((${t.photoHash} >> 48) & 65535)`).where(sql`${t.photoHash} IS NOT NULL`),
    index("member_fingerprints_band1_idx").on(sql`((${t.photoHash} >> 32) & 65535)`).where(sql`${t.photoHash} IS NOT NULL`),
    index("member_fingerprints_band2_idx").on(sql`((${t.photoHash} >> 16) & 65535)`).where(sql`${t.photoHash} IS NOT NULL`),
    index("member_fingerprints_band3_idx").on(sql`(${t.photoHash} & 65535)`).where(sql`${t.photoHash} IS NOT NULL`),
  ],
);

/**
 * Members waiting for the quality job. The members insert trigger adds every new sign-up here in the same
 * statement (API, book, import, seed), so the job is durable: a restart loses nothing, and the sign-up itself
 * does no signal work. Processes claim rows with FOR UPDATE SKIP LOCKED, so several servers share the work.
 */
export const qualityQueue = pgTable("quality_queue", {
  memberId: bigint("member_id", { mode: "number" })
    .primaryKey()
    .references(() => members.id, { onDelete: "cascade" }),
  queuedAt: timestamp("queued_at", { withTimezone: true }).notNull().defaultNow(),
  /** Failed batches this member was in: after three it is left to `npm run quality:scan`, so one bad row never stalls the job. */
  attempts: smallint("attempts").notNull().default(0),
});

/** The signals' thresholds per state (defaults documented in lib/members/quality/settings.ts). */
export const qualitySettings = pgTable(
  "quality_settings",
  {
    stateId: smallint("state_id")
      .primaryKey()
      .references(() => states.id),
    /** A phone shared by MORE than this many members flags them all (families share phones). */
    sharedPhoneLimit: smallint("shared_phone_limit").notNull().default(5),
    /** One token signing up MORE than `burstLimit` members within `burstMinutes` flags that burst. */
    burstLimit: smallint("burst_limit").notNull().default(20),
    burstMinutes: smallint("burst_minutes").notNull().default(10),
    /** Photos whose perceptual hashes differ in at most this many of 64 bits are the same photo. */
    photoDistance: smallint("photo_distance").notNull().default(5),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
    updatedBy: integer("updated_by").references(() => users.id),
  },
  (t) => [
    check("quality_settings_positive", sql`${t.sharedPhoneLimit} >= 1 AND ${t.burstLimit} >= 1 AND ${t.burstMinutes} BETWEEN 1 AND 1440`),
    check("quality_settings_photo_distance", sql`${t.photoDistance} BETWEEN 0 AND 16`),
  ],
);

/**
 * Sign-ups per enroller — the worker and, for the enrolment app, the token — and district: not void, and void.
 * Kept by the members trigger like the booth counters, so scorecards never count members (how many are under
 * review comes from the flags).
 */
export const enrollerCounters = pgTable(
  "enroller_counters",
  {
    workerId: integer("worker_id")
      .notNull()
      .references(() => workers.id),
    /** Null for sign-ups the worker brought in without a token (paper books). */
    tokenId: integer("token_id").references(() => apiTokens.id),
    districtId: integer("district_id")
      .notNull()
      .references(() => districts.id),
    stateId: smallint("state_id").notNull().references(() => states.id),
    members: integer("members").notNull().default(0),
    voided: integer("voided").notNull().default(0),
  },
  (t) => [
    unique("enroller_counters_key").on(t.workerId, t.tokenId, t.districtId).nullsNotDistinct(),
    check("enroller_counters_nonnegative", sql`${t.members} >= 0 AND ${t.voided} >= 0`),
    index("enroller_counters_district_idx").on(t.districtId),
  ],
);

/**
 * The demo seed's answer key: which members it planted as fakes and which as genuine look-alikes (households
 * sharing a phone, common names, twins), per signal. `npm run quality:eval` compares the flags with it.
 */
export const qualityLabels = pgTable(
  "quality_labels",
  {
    memberId: bigint("member_id", { mode: "number" })
      .notNull()
      .references(() => members.id, { onDelete: "cascade" }),
    reason: text("reason").notNull(),
    expected: text("expected").notNull(),
    pattern: text("pattern").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.memberId, t.reason] }),
    check("quality_labels_expected", sql`${t.expected} IN ('fake', 'genuine')`),
  ],
);

export const memberFlagsRelations = relations(memberFlags, ({ one }) => ({
  member: one(members, { fields: [memberFlags.memberId], references: [members.id] }),
}));

export type MemberFlag = typeof memberFlags.$inferSelect;
export type QualitySettings = typeof qualitySettings.$inferSelect;
