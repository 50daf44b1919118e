import { relations, sql } from "drizzle-orm";
import {
  check,
  date,
  index,
  integer,
  pgTable,
  primaryKey,
  serial,
  smallint,
  text,
  timestamp,
  uniqueIndex,
} from "drizzle-orm/pg-core";
import { assemblySeats, blocks, booths, cells, districts, lokSabhaSeats, states } from "@/db/schema/geo";
import { users } from "@/db/schema/users";

/** Party workers who can hold posts. */
export const workers = pgTable(
  "workers",
  {
    id: serial("id").primaryKey(),
    stateId: smallint("state_id").notNull().references(() => states.id),
    name: text("name").notNull(),
    phone: text("phone").notNull(),
    epic: text("epic"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check("workers_phone_indian_mobile", sql`${t.phone} ~ '^[6-9][0-9]{9}$'`),
    check("workers_epic_upper", sql`${t.epic} IS NULL OR ${t.epic} = upper(${t.epic})`),
    check("workers_name_present", sql`length(btrim(${t.name})) > 0`),
    index("workers_phone_idx").on(t.stateId, t.phone),
  ],
);

export const APPOINTMENT_ROLES = ["chief_enroller", "enroller", "it_president", "it_member"] as const;
export type AppointmentRole = (typeof APPOINTMENT_ROLES)[number];
export const UNIT_LEVELS = ["pc", "ac", "district", "block", "booth"] as const;
export type UnitLevel = (typeof UNIT_LEVELS)[number];

/**
 * One row per post held. History is never deleted: replacing a holder ends the old row and inserts a new one.
 * Exactly one unit column is set (CHECK); which levels a role may be held at is a CHECK too.
 * Single-holder posts are enforced by partial unique indexes over the active rows.
 */
export const appointments = pgTable(
  "appointments",
  {
    id: serial("id").primaryKey(),
    stateId: smallint("state_id").notNull().references(() => states.id),
    workerId: integer("worker_id").notNull().references(() => workers.id),
    role: text("role").notNull(),
    pcId: integer("pc_id").references(() => lokSabhaSeats.id),
    acId: integer("ac_id").references(() => assemblySeats.id),
    districtId: integer("district_id").references(() => districts.id),
    blockId: integer("block_id").references(() => blocks.id),
    boothId: integer("booth_id").references(() => booths.id),
    appointedBy: integer("appointed_by").references(() => users.id),
    appointedAt: timestamp("appointed_at", { withTimezone: true }).notNull().defaultNow(),
    endedAt: timestamp("ended_at", { withTimezone: true }),
    endedBy: integer("ended_by").references(() => users.id),
    endedReason: text("ended_reason"),
  },
  (t) => [
    check("appointments_role", sql`${t.role} IN ('chief_enroller', 'enroller', 'it_president', 'it_member')`),
    check(
      "appointments_exactly_one_unit",
      sql`num_nonnulls(${t.pcId}, ${t.acId}, ${t.districtId}, ${t.blockId}, ${t.boothId}) = 1`,
    ),
    check(
      "appointments_role_level",
      sql`CASE ${t.role}
        WHEN 'chief_enroller' THEN ${t.districtId} IS NOT NULL OR ${t.blockId} IS NOT NULL
        WHEN 'enroller' THEN ${t.boothId} IS NOT NULL
        WHEN 'it_president' THEN ${t.pcId} IS NOT NULL OR ${t.acId} IS NOT NULL OR ${t.districtId} IS NOT NULL
        WHEN 'it_member' THEN ${t.blockId} IS NOT NULL OR ${t.boothId} IS NOT NULL
        ELSE false END`,
    ),
    check("appointments_end_after_start", sql`${t.endedAt} IS NULL OR ${t.endedAt} >= ${t.appointedAt}`),
    // Single-holder posts: one active chief enroller per district and per block, one IT president per
    // PC/AC/district, one IT member per booth. Enrollers per booth are several (a limit set in the app).
    ...(
      [
        ["chief_enroller_district", "chief_enroller", t.districtId],
        ["chief_enroller_block", "chief_enroller", t.blockId],
        ["it_president_pc", "it_president", t.pcId],
        ["it_president_ac", "it_president", t.acId],
        ["it_president_district", "it_president", t.districtId],
        ["it_member_booth", "it_member", t.boothId],
      ] as const
    ).map(([post, role, unit]) =>
      uniqueIndex(`appointments_one_${post}`)
        .on(unit)
        .where(sql`${t.role} = ${sql.raw(`'${role}'`)} AND ${t.endedAt} IS NULL AND ${unit} IS NOT NULL`),
    ),
    // A worker holds a given post once at a time (several enrollers per booth, but not the same one twice).
    uniqueIndex("appointments_worker_post_active")
      .on(t.workerId, t.role, sql`coalesce(${t.pcId}, ${t.acId}, ${t.districtId}, ${t.blockId}, ${t.boothId})`)
      .where(sql`${t.endedAt} IS NULL`),
    index("appointments_booth_idx").on(t.boothId),
    index("appointments_block_idx").on(t.blockId),
    index("appointments_district_idx").on(t.districtId),
    index("appointments_worker_idx").on(t.workerId),
  ],
);

export const TRAINING_LEVELS = ["state", "district", "block"] as const;

/** Training sessions for chief enrollers: usually two days, at a place, for a level. */
export const trainings = pgTable(
  "trainings",
  {
    id: serial("id").primaryKey(),
    stateId: smallint("state_id").notNull().references(() => states.id),
    title: text("title").notNull(),
    place: text("place").notNull(),
    level: text("level").notNull(),
    districtId: integer("district_id").references(() => districts.id),
    startsOn: date("starts_on").notNull(),
    endsOn: date("ends_on").notNull(),
    createdBy: integer("created_by").references(() => users.id),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check("trainings_level", sql`${t.level} IN ('state', 'district', 'block')`),
    check("trainings_dates", sql`${t.endsOn} >= ${t.startsOn}`),
    check("trainings_district_for_level", sql`(${t.level} = 'state') = (${t.districtId} IS NULL)`),
    index("trainings_district_idx").on(t.districtId),
  ],
);

export const trainingAttendance = pgTable(
  "training_attendance",
  {
    trainingId: integer("training_id")
      .notNull()
      .references(() => trainings.id),
    workerId: integer("worker_id")
      .notNull()
      .references(() => workers.id),
    stateId: smallint("state_id").notNull().references(() => states.id),
    /** Days attended of the session (a two-day session counts as trained when both are attended). */
    daysAttended: smallint("days_attended").notNull().default(1),
    markedBy: integer("marked_by").references(() => users.id),
    markedAt: timestamp("marked_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.trainingId, t.workerId] }),
    check("training_attendance_days", sql`${t.daysAttended} > 0`),
    index("training_attendance_worker_idx").on(t.workerId),
  ],
);

export const workersRelations = relations(workers, ({ many }) => ({
  appointments: many(appointments),
  attendance: many(trainingAttendance),
}));
export const appointmentsRelations = relations(appointments, ({ one }) => ({
  worker: one(workers, { fields: [appointments.workerId], references: [workers.id] }),
  lokSabhaSeat: one(lokSabhaSeats, { fields: [appointments.pcId], references: [lokSabhaSeats.id] }),
  assemblySeat: one(assemblySeats, { fields: [appointments.acId], references: [assemblySeats.id] }),
  district: one(districts, { fields: [appointments.districtId], references: [districts.id] }),
  block: one(blocks, { fields: [appointments.blockId], references: [blocks.id] }),
  booth: one(booths, { fields: [appointments.boothId], references: [booths.id] }),
  appointer: one(users, { fields: [appointments.appointedBy], references: [users.id] }),
}));
export const trainingsRelations = relations(trainings, ({ one, many }) => ({
  district: one(districts, { fields: [trainings.districtId], references: [districts.id] }),
  attendance: many(trainingAttendance),
}));
export const trainingAttendanceRelations = relations(trainingAttendance, ({ one }) => ({
  training: one(trainings, { fields: [trainingAttendance.trainingId], references: [trainings.id] }),
  worker: one(workers, { fields: [trainingAttendance.workerId], references: [workers.id] }),
}));

export type Worker = typeof workers.$inferSelect;
export type Appointment = typeof appointments.$inferSelect;
export type NewAppointment = typeof appointments.$inferInsert;
export type Training = typeof trainings.$inferSelect;

/**
 * Active booth posts per booth (IT-cell members and enrollers), kept by a trigger on appointments in the same
 * transaction as the appointment or its end.
 */
export const boothPostCounters = pgTable(
  "booth_post_counters",
  {
    boothId: integer("booth_id")
      .primaryKey()
      .references(() => booths.id),
    stateId: smallint("state_id").notNull().references(() => states.id),
    itMembers: integer("it_members").notNull().default(0),
    enrollers: integer("enrollers").notNull().default(0),
  },
  (t) => [check("booth_post_counters_nonnegative", sql`${t.itMembers} >= 0 AND ${t.enrollers} >= 0`)],
);

/**
 * Booth posts per cell: booths with an active IT-cell member (covered), booths with at least one active enroller,
 * and active enrollers; kept by a trigger on booth_post_counters.
 */
export const cellPostCounters = pgTable(
  "cell_post_counters",
  {
    cellId: integer("cell_id")
      .primaryKey()
      .references(() => cells.id),
    stateId: smallint("state_id").notNull().references(() => states.id),
    covered: integer("covered").notNull().default(0),
    enrollerBooths: integer("enroller_booths").notNull().default(0),
    enrollers: integer("enrollers").notNull().default(0),
  },
  (t) => [check("cell_post_counters_nonnegative", sql`${t.covered} >= 0 AND ${t.enrollerBooths} >= 0 AND ${t.enrollers} >= 0`)],
);
