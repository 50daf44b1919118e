import { relations, sql } from "drizzle-orm";
import {
  boolean,
  check,
  foreignKey,
  index,
  integer,
  pgTable,
  primaryKey,
  serial,
  smallint,
  text,
  unique,
} from "drizzle-orm/pg-core";

/**
 * Geography: two hierarchies meet at the booth.
 *   electoral:      state → Lok Sabha seat (PC) → assembly seat (AC) → booth
 *   organisational: state → district → block → booth
 * An AC can lie in two districts, so district totals are built from booths, never from AC → district.
 */

export const states = pgTable(
  "states",
  {
    id: smallint("id").primaryKey(),
    code: text("code").notNull().unique(),
    name: text("name").notNull(),
    nameHi: text("name_hi").notNull(),
    // Constitutional seat counts: importers refuse seat numbers outside 1..N.
    lokSabhaSeats: smallint("lok_sabha_seats").notNull(),
    assemblySeats: smallint("assembly_seats").notNull(),
  },
  (t) => [
    check("states_code_format", sql`${t.code} ~ '^[A-Z]{2}$'`),
    check("states_seats_positive", sql`${t.lokSabhaSeats} > 0 AND ${t.assemblySeats} > 0`),
  ],
);

export const reservationCheck = (col: unknown) => sql`${col} IN ('GEN', 'SC', 'ST')`;

export const lokSabhaSeats = pgTable(
  "lok_sabha_seats",
  {
    id: serial("id").primaryKey(),
    stateId: smallint("state_id").notNull().references(() => states.id),
    no: smallint("no").notNull(),
    name: text("name").notNull(),
    nameHi: text("name_hi"),
    reserved: text("reserved").notNull().default("GEN"),
  },
  (t) => [
    unique("lok_sabha_seats_state_no").on(t.stateId, t.no),
    // Target of the composite foreign keys below that keep denormalised state keys honest.
    unique("lok_sabha_seats_id_state").on(t.id, t.stateId),
    check("lok_sabha_seats_no_positive", sql`${t.no} > 0`),
    check("lok_sabha_seats_reserved", reservationCheck(t.reserved)),
    check("lok_sabha_seats_name_present", sql`length(btrim(${t.name})) > 0`),
  ],
);

export const districts = pgTable(
  "districts",
  {
    id: serial("id").primaryKey(),
    stateId: smallint("state_id").notNull().references(() => states.id),
    slug: text("slug").notNull(),
    name: text("name").notNull(),
    nameHi: text("name_hi"),
  },
  (t) => [
    unique("districts_state_slug").on(t.stateId, t.slug),
    unique("districts_id_state").on(t.id, t.stateId),
    check("districts_slug_format", sql`${t.slug} ~ '^[a-z0-9]+(-[a-z0-9]+)*$'`),
  ],
);

export const assemblySeats = pgTable(
  "assembly_seats",
  {
    id: serial("id").primaryKey(),
    stateId: smallint("state_id").notNull(),
    pcId: integer("pc_id").notNull(),
    no: smallint("no").notNull(),
    name: text("name").notNull(),
    nameHi: text("name_hi"),
    reserved: text("reserved").notNull().default("GEN"),
  },
  (t) => [
    unique("assembly_seats_state_no").on(t.stateId, t.no),
    // Booths reference (ac, pc, state) together so that a booth's PC is always its AC's PC.
    unique("assembly_seats_id_pc_state").on(t.id, t.pcId, t.stateId),
    foreignKey({
      name: "assembly_seats_pc_fk",
      columns: [t.pcId, t.stateId],
      foreignColumns: [lokSabhaSeats.id, lokSabhaSeats.stateId],
    }),
    index("assembly_seats_pc_idx").on(t.pcId),
    check("assembly_seats_no_positive", sql`${t.no} > 0`),
    check("assembly_seats_reserved", reservationCheck(t.reserved)),
    check("assembly_seats_name_present", sql`length(btrim(${t.name})) > 0`),
  ],
);

/** The districts an AC lies in (one or two in Chhattisgarh). */
export const assemblySeatDistricts = pgTable(
  "assembly_seat_districts",
  {
    acId: integer("ac_id")
      .notNull()
      .references(() => assemblySeats.id, { onDelete: "cascade" }),
    districtId: integer("district_id")
      .notNull()
      .references(() => districts.id),
  },
  (t) => [primaryKey({ columns: [t.acId, t.districtId] }), index("assembly_seat_districts_district_idx").on(t.districtId)],
);

export const blocks = pgTable(
  "blocks",
  {
    id: serial("id").primaryKey(),
    stateId: smallint("state_id").notNull(),
    districtId: integer("district_id").notNull(),
    name: text("name").notNull(),
    nameHi: text("name_hi"),
  },
  (t) => [
    unique("blocks_district_name").on(t.districtId, t.name),
    unique("blocks_id_district").on(t.id, t.districtId),
    foreignKey({
      name: "blocks_district_fk",
      columns: [t.districtId, t.stateId],
      foreignColumns: [districts.id, districts.stateId],
    }),
    check("blocks_name_present", sql`length(btrim(${t.name})) > 0`),
  ],
);

/**
 * A polling station. It carries the keys of every level above it so that any rollup is one GROUP BY over
 * booth rows; composite foreign keys make those denormalised keys impossible to get wrong.
 */
/**
 * A cell: the finest place every rollup is built from — one (assembly seat, district, block) combination that
 * has booths (block may be unknown). Booths point to their cell (`booths.cell_id`, set by a trigger from the
 * booth's own keys, so it cannot disagree with them); the cell counters (db/schema/members.ts, people.ts) sum
 * the booth counters of its booths, so state, Lok Sabha, assembly-seat, district and block totals read a few
 * hundred cell rows instead of every booth. `booths` is how many booths the cell has (kept by the same trigger).
 */
export const cells = pgTable(
  "cells",
  {
    id: serial("id").primaryKey(),
    stateId: smallint("state_id").notNull(),
    pcId: integer("pc_id").notNull(),
    acId: integer("ac_id").notNull(),
    districtId: integer("district_id").notNull(),
    blockId: integer("block_id"),
    booths: integer("booths").notNull().default(0),
  },
  (t) => [
    unique("cells_place").on(t.acId, t.districtId, t.blockId).nullsNotDistinct(),
    foreignKey({
      name: "cells_ac_fk",
      columns: [t.acId, t.pcId, t.stateId],
      foreignColumns: [assemblySeats.id, assemblySeats.pcId, assemblySeats.stateId],
    }),
    foreignKey({
      name: "cells_ac_district_fk",
      columns: [t.acId, t.districtId],
      foreignColumns: [assemblySeatDistricts.acId, assemblySeatDistricts.districtId],
    }),
    foreignKey({
      name: "cells_block_fk",
      columns: [t.blockId, t.districtId],
      foreignColumns: [blocks.id, blocks.districtId],
    }),
    index("cells_state_idx").on(t.stateId),
    index("cells_district_idx").on(t.districtId),
    index("cells_block_idx").on(t.blockId),
    check("cells_booths_nonnegative", sql`${t.booths} >= 0`),
  ],
);

export const booths = pgTable(
  "booths",
  {
    id: serial("id").primaryKey(),
    stateId: smallint("state_id").notNull(),
    pcId: integer("pc_id").notNull(),
    acId: integer("ac_id").notNull(),
    districtId: integer("district_id").notNull(),
    blockId: integer("block_id"),
    partNo: smallint("part_no").notNull(),
    /** Display code `AAA-PPP`, e.g. `049-123`. */
    code: text("code").notNull(),
    name: text("name").notNull(),
    nameHi: text("name_hi"),
    /** Generated by the demo seed rather than imported from an electoral roll. */
    synthetic: boolean("synthetic").notNull().default(false),
    /** The booth's cell, set by the booths_cell trigger from ac_id, district_id and block_id (never by hand). */
    cellId: integer("cell_id")
      .notNull()
      .references(() => cells.id)
      .$defaultFn(() => sql`NULL`),
  },
  (t) => [
    unique("booths_state_ac_part").on(t.stateId, t.acId, t.partNo),
    unique("booths_state_code").on(t.stateId, t.code),
    unique("booths_id_scope").on(t.id, t.acId, t.districtId),
    foreignKey({
      name: "booths_ac_fk",
      columns: [t.acId, t.pcId, t.stateId],
      foreignColumns: [assemblySeats.id, assemblySeats.pcId, assemblySeats.stateId],
    }),
    // The booth's district must be one of the districts its AC lies in.
    foreignKey({
      name: "booths_ac_district_fk",
      columns: [t.acId, t.districtId],
      foreignColumns: [assemblySeatDistricts.acId, assemblySeatDistricts.districtId],
    }),
    // The booth's block must lie in the booth's district.
    foreignKey({
      name: "booths_block_fk",
      columns: [t.blockId, t.districtId],
      foreignColumns: [blocks.id, blocks.districtId],
    }),
    index("booths_pc_idx").on(t.pcId),
    index("booths_ac_idx").on(t.acId),
    index("booths_district_idx").on(t.districtId),
    index("booths_block_idx").on(t.blockId),
    index("booths_cell_idx").on(t.cellId),
    // "Are any of this unit's booths synthetic?" answered from the synthetic ones only (none, on real data).
    index("booths_synthetic_idx").on(t.stateId).where(sql`${t.synthetic}`),
    check("booths_part_positive", sql`${t.partNo} > 0`),
    check("booths_code_format", sql`${t.code} ~ '^[0-9]{3}-[0-9]{3,4}$'`),
    check("booths_name_present", sql`length(btrim(${t.name})) > 0`),
  ],
);


export const statesRelations = relations(states, ({ many }) => ({
  lokSabhaSeats: many(lokSabhaSeats),
  districts: many(districts),
  assemblySeats: many(assemblySeats),
}));
export const lokSabhaSeatsRelations = relations(lokSabhaSeats, ({ one, many }) => ({
  state: one(states, { fields: [lokSabhaSeats.stateId], references: [states.id] }),
  assemblySeats: many(assemblySeats),
}));
export const districtsRelations = relations(districts, ({ one, many }) => ({
  state: one(states, { fields: [districts.stateId], references: [states.id] }),
  blocks: many(blocks),
  assemblySeats: many(assemblySeatDistricts),
}));
export const assemblySeatsRelations = relations(assemblySeats, ({ one, many }) => ({
  state: one(states, { fields: [assemblySeats.stateId], references: [states.id] }),
  lokSabhaSeat: one(lokSabhaSeats, { fields: [assemblySeats.pcId], references: [lokSabhaSeats.id] }),
  districts: many(assemblySeatDistricts),
  booths: many(booths),
}));
export const assemblySeatDistrictsRelations = relations(assemblySeatDistricts, ({ one }) => ({
  assemblySeat: one(assemblySeats, { fields: [assemblySeatDistricts.acId], references: [assemblySeats.id] }),
  district: one(districts, { fields: [assemblySeatDistricts.districtId], references: [districts.id] }),
}));
export const blocksRelations = relations(blocks, ({ one, many }) => ({
  district: one(districts, { fields: [blocks.districtId], references: [districts.id] }),
  booths: many(booths),
}));
export const boothsRelations = relations(booths, ({ one }) => ({
  state: one(states, { fields: [booths.stateId], references: [states.id] }),
  lokSabhaSeat: one(lokSabhaSeats, { fields: [booths.pcId], references: [lokSabhaSeats.id] }),
  assemblySeat: one(assemblySeats, { fields: [booths.acId], references: [assemblySeats.id] }),
  district: one(districts, { fields: [booths.districtId], references: [districts.id] }),
  block: one(blocks, { fields: [booths.blockId], references: [blocks.id] }),
}));

export type State = typeof states.$inferSelect;
export type LokSabhaSeat = typeof lokSabhaSeats.$inferSelect;
export type District = typeof districts.$inferSelect;
export type AssemblySeat = typeof assemblySeats.$inferSelect;
export type Block = typeof blocks.$inferSelect;
export type Booth = typeof booths.$inferSelect;
export type NewBooth = typeof booths.$inferInsert;
