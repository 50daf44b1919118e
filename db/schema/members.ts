import { relations, sql } from "drizzle-orm";
import {
  type AnyPgColumn,
  bigint,
  check,
  customType,
  date,
  foreignKey,
  index,
  integer,
  pgTable,
  primaryKey,
  smallint,
  text,
  timestamp,
  unique,
} from "drizzle-orm/pg-core";
import { assemblySeats, booths, cells, districts, states } from "@/db/schema/geo";
import { workers } from "@/db/schema/people";
import { apiTokens } from "@/db/schema/enrolment";

const bytea = customType<{ data: Uint8Array; driverData: Uint8Array }>({ dataType: () => "bytea" });

/** India has one time zone and no daylight saving: a sign-up's day is its date at UTC+05:30. */
export const IST_TODAY = sql`((now() AT TIME ZONE 'UTC') + interval '5 hours 30 minutes')::date`;

export const CHANNELS = ["app", "book", "import"] as const;
export type Channel = (typeof CHANNELS)[number];
export const CASTE_CATEGORIES = ["SC", "ST", "OBC", "GEN"] as const;
export type CasteCategory = (typeof CASTE_CATEGORIES)[number];
/**
 * A member's standing: `counted` (the default), `review` (one or more open quality flags: still counted, shown
 * as "under review"), `void` (decided not to be a member: out of every count, personal data erased). `review`
 * is kept by the member_flags trigger from the open flags; `void` is set only by a reviewer's decision.
 */
export const MEMBER_STANDINGS = ["counted", "review", "void"] as const;
export type MemberStanding = (typeof MEMBER_STANDINGS)[number];

/**
 * Members. Inserting a row updates the per-booth and per-day counters in the same statement (a trigger, see
 * the counters migration), so every way in — API, book entry, import, seed — counts the moment it commits.
 * Personal data (name, EPIC, phone, address, religion, caste, photo) can be erased; the row, its booth,
 * channel, day and caste category stay, so anonymous counts do not change.
 */
export const members = pgTable(
  "members",
  {
    id: bigint("id", { mode: "number" }).primaryKey().generatedByDefaultAsIdentity(),
    stateId: smallint("state_id").notNull().references(() => states.id),
    /** State prefix + two-digit year + sequence, e.g. `CG26-0004711`. */
    membershipNo: text("membership_no").notNull(),
    /** Voter-card number, upper case; unique per state, so a second sign-up is a duplicate. */
    epic: text("epic").notNull(),
    name: text("name"),
    relativeName: text("relative_name"),
    gender: text("gender").notNull(),
    age: smallint("age").notNull(),
    phone: text("phone"),
    address: text("address"),
    religion: text("religion"),
    caste: text("caste"),
    casteCategory: text("caste_category").notNull(),
    photo: bytea("photo"),
    boothId: integer("booth_id").notNull(),
    acId: integer("ac_id").notNull(),
    districtId: integer("district_id").notNull(),
    enrolledByWorkerId: integer("enrolled_by_worker_id").references(() => workers.id),
    /** The enrolment-app token that sent the sign-up (API only): bursts and scorecards are per token. */
    apiTokenId: integer("api_token_id").references(() => apiTokens.id),
    channel: text("channel").notNull(),
    bookNo: text("book_no"),
    pageNo: smallint("page_no"),
    idempotencyKey: text("idempotency_key"),
    consentVersion: text("consent_version").notNull(),
    consentLang: text("consent_lang").notNull().default("hi"),
    consentAt: timestamp("consent_at", { withTimezone: true }).notNull().defaultNow(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    /** The campaign day the sign-up counts on (India time). */
    enrolledOn: date("enrolled_on").notNull().default(IST_TODAY),
    erasedAt: timestamp("erased_at", { withTimezone: true }),
    standing: text("standing").notNull().default("counted"),
    voidedAt: timestamp("voided_at", { withTimezone: true }),
  },
  (t) => [
    unique("members_membership_no").on(t.membershipNo),
    unique("members_state_epic").on(t.stateId, t.epic),
    unique("members_state_idempotency_key").on(t.stateId, t.idempotencyKey),
    // booth, AC and district travel together: the member's AC and district are always its booth's.
    foreignKey({
      name: "members_booth_fk",
      columns: [t.boothId, t.acId, t.districtId],
      foreignColumns: [booths.id, booths.acId, booths.districtId],
    }),
    check("members_membership_no_format", sql`${t.membershipNo} ~ '^[A-Z]{2}[0-9]{2}-[0-9]{7,}$'`),
    check("members_epic_format", sql`${t.epic} ~ '^[A-Z0-9/-]{6,24}$'`),
    check("members_gender", sql`${t.gender} IN ('F', 'M', 'O')`),
    check("members_age", sql`${t.age} BETWEEN 18 AND 120`),
    check("members_caste_category", sql`${t.casteCategory} IN ('SC', 'ST', 'OBC', 'GEN')`),
    check("members_channel", sql`${t.channel} IN ('app', 'book', 'import')`),
    check("members_phone_format", sql`${t.phone} IS NULL OR ${t.phone} ~ '^[6-9][0-9]{9}$'`),
    check(
      "members_personal_data_present",
      sql`${t.erasedAt} IS NOT NULL OR (${t.name} IS NOT NULL AND length(btrim(${t.name})) > 0)`,
    ),
    check(
      "members_book_reference",
      sql`(${t.channel} = 'book') = (${t.bookNo} IS NOT NULL AND ${t.pageNo} IS NOT NULL)`,
    ),
    check("members_page_positive", sql`${t.pageNo} IS NULL OR ${t.pageNo} > 0`),
    check("members_standing", sql`${t.standing} IN ('counted', 'review', 'void')`),
    // A void member is out of every count and its personal data is gone: void is dated and erased.
    check("members_void_dated", sql`(${t.standing} = 'void') = (${t.voidedAt} IS NOT NULL)`),
    check("members_void_erased", sql`${t.standing} <> 'void' OR ${t.erasedAt} IS NOT NULL`),
    index("members_booth_idx").on(t.boothId),
    index("members_district_idx").on(t.districtId),
    index("members_ac_idx").on(t.acId),
    // With the id, the quality job counts a phone's members and finds its first ones from the index alone.
    index("members_phone_idx").on(t.stateId, t.phone, t.id),
    index("members_token_time_idx").on(t.apiTokenId, t.createdAt).where(sql`${t.apiTokenId} IS NOT NULL`),
  ],
);

/**
 * The sign-up counts a booth and a cell both keep: members that are not void, by channel and by caste category,
 * and the void ones. The channels and the categories each add up to members (CHECKs).
 */
const signUpCounts = () => ({
    members: integer("members").notNull().default(0),
    viaApp: integer("via_app").notNull().default(0),
    viaBook: integer("via_book").notNull().default(0),
    viaImport: integer("via_import").notNull().default(0),
    catSc: integer("cat_sc").notNull().default(0),
    catSt: integer("cat_st").notNull().default(0),
    catObc: integer("cat_obc").notNull().default(0),
    catGen: integer("cat_gen").notNull().default(0),
    voided: integer("voided").notNull().default(0),
});

type SignUpCountColumns = { [K in keyof ReturnType<typeof signUpCounts>]: AnyPgColumn };

const signUpCountsAddUp = (table: string, t: SignUpCountColumns) => [
  check(`${table}_channels_add_up`, sql`${t.members} = ${t.viaApp} + ${t.viaBook} + ${t.viaImport}`),
  check(`${table}_categories_add_up`, sql`${t.members} = ${t.catSc} + ${t.catSt} + ${t.catObc} + ${t.catGen}`),
];

/**
 * Sign-ups per booth, by channel and by caste category, counting members that are not void; `voided` (not in
 * `members`) is the anonymous count of void sign-ups. Kept by the members trigger; see `npm run recount`.
 * How many are under review is in booth_review_counters, which sign-ups never write.
 */
export const boothCounters = pgTable(
  "booth_counters",
  {
    boothId: integer("booth_id")
      .primaryKey()
      .references(() => booths.id),
    stateId: smallint("state_id").notNull().references(() => states.id),
    ...signUpCounts(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check("booth_counters_nonnegative", sql`${t.members} >= 0`),
    ...signUpCountsAddUp("booth_counters", t),
    check("booth_counters_voided", sql`${t.voided} >= 0`),
    index("booth_counters_state_idx").on(t.stateId),
  ],
);

/**
 * Members under review (standing 'review': an open quality flag) per booth. Apart from booth_counters on
 * purpose: the quality job and the disown form move these while the enrolment API inserts, and a sign-up never
 * touches this table, so the two never wait on each other's row locks (nor deadlock).
 */
export const boothReviewCounters = pgTable(
  "booth_review_counters",
  {
    boothId: integer("booth_id")
      .primaryKey()
      .references(() => booths.id),
    stateId: smallint("state_id").notNull().references(() => states.id),
    underReview: integer("under_review").notNull().default(0),
  },
  (t) => [check("booth_review_counters_nonnegative", sql`${t.underReview} >= 0`)],
);

/** Sign-ups (not void) per booth per day; carries the district so a district's daily series is one index range. */
export const boothDayCounters = pgTable(
  "booth_day_counters",
  {
    boothId: integer("booth_id")
      .notNull()
      .references(() => booths.id),
    day: date("day").notNull(),
    stateId: smallint("state_id").notNull().references(() => states.id),
    districtId: integer("district_id")
      .notNull()
      .references(() => districts.id),
    members: integer("members").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.boothId, t.day] }),
    check("booth_day_counters_nonnegative", sql`${t.members} >= 0`),
    index("booth_day_counters_district_day_idx").on(t.districtId, t.day),
  ],
);

/**
 * Sign-ups per assembly seat per day: the state's and a PC's daily series read ~90 × days rows instead of
 * ~25,000 × days.
 */
export const acDayCounters = pgTable(
  "ac_day_counters",
  {
    acId: integer("ac_id")
      .notNull()
      .references(() => assemblySeats.id),
    day: date("day").notNull(),
    stateId: smallint("state_id").notNull().references(() => states.id),
    members: integer("members").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.acId, t.day] }),
    check("ac_day_counters_nonnegative", sql`${t.members} >= 0`),
    index("ac_day_counters_state_day_idx").on(t.stateId, t.day),
  ],
);

/**
 * The booth counters summed per cell (see `cells`): kept by triggers on booth_counters, booth_review_counters
 * and booth_day_counters in the same transaction as the sign-up, so every total above the booth reads cells.
 */
export const cellCounters = pgTable(
  "cell_counters",
  {
    cellId: integer("cell_id")
      .primaryKey()
      .references(() => cells.id),
    stateId: smallint("state_id").notNull().references(() => states.id),
    ...signUpCounts(),
  },
  (t) => [
    check("cell_counters_nonnegative", sql`${t.members} >= 0 AND ${t.voided} >= 0`),
    ...signUpCountsAddUp("cell_counters", t),
    index("cell_counters_state_idx").on(t.stateId),
  ],
);

/** Members under review per cell (apart from cell_counters for the same reason as booth_review_counters). */
export const cellReviewCounters = pgTable(
  "cell_review_counters",
  {
    cellId: integer("cell_id")
      .primaryKey()
      .references(() => cells.id),
    stateId: smallint("state_id").notNull().references(() => states.id),
    underReview: integer("under_review").notNull().default(0),
  },
  (t) => [check("cell_review_counters_nonnegative", sql`${t.underReview} >= 0`)],
);

/** Sign-ups (not void) per cell per day: every unit's daily series above the booth. */
export const cellDayCounters = pgTable(
  "cell_day_counters",
  {
    cellId: integer("cell_id")
      .notNull()
      .references(() => cells.id),
    day: date("day").notNull(),
    stateId: smallint("state_id").notNull().references(() => states.id),
    members: integer("members").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.cellId, t.day] }),
    check("cell_day_counters_nonnegative", sql`${t.members} >= 0`),
  ],
);

export const membersRelations = relations(members, ({ one }) => ({
  booth: one(booths, { fields: [members.boothId], references: [booths.id] }),
  assemblySeat: one(assemblySeats, { fields: [members.acId], references: [assemblySeats.id] }),
  district: one(districts, { fields: [members.districtId], references: [districts.id] }),
  enrolledBy: one(workers, { fields: [members.enrolledByWorkerId], references: [workers.id] }),
}));
export const boothCountersRelations = relations(boothCounters, ({ one }) => ({
  booth: one(booths, { fields: [boothCounters.boothId], references: [booths.id] }),
}));

export type Member = typeof members.$inferSelect;
export type NewMember = typeof members.$inferInsert;
export type BoothCounter = typeof boothCounters.$inferSelect;
