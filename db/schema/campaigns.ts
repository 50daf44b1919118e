import { relations, sql } from "drizzle-orm";
import { check, date, index, integer, pgTable, serial, smallint, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import { assemblySeats, blocks, booths, districts, lokSabhaSeats, states } from "@/db/schema/geo";
import { users } from "@/db/schema/users";

export const campaigns = pgTable(
  "campaigns",
  {
    id: serial("id").primaryKey(),
    stateId: smallint("state_id").notNull().references(() => states.id),
    name: text("name").notNull(),
    nameHi: text("name_hi"),
    /** Inclusive calendar days in India time (Asia/Kolkata). */
    startsOn: date("starts_on").notNull(),
    endsOn: date("ends_on").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check("campaigns_dates", sql`${t.endsOn} >= ${t.startsOn}`),
    index("campaigns_state_idx").on(t.stateId, t.startsOn),
  ],
);

/**
 * A members target for one unit in one campaign. Each level is judged against its own target; a parent's
 * target is not derived from its children's (a mismatch is shown, not fixed).
 */
export const targets = pgTable(
  "targets",
  {
    id: serial("id").primaryKey(),
    stateId: smallint("state_id").notNull().references(() => states.id),
    campaignId: integer("campaign_id")
      .notNull()
      .references(() => campaigns.id),
    level: text("level").notNull(),
    pcId: integer("pc_id").references(() => lokSabhaSeats.id),
    acId: integer("ac_id").references(() => assemblySeats.id),
    districtId: integer("district_id").references(() => districts.id),
    blockId: integer("block_id").references(() => blocks.id),
    boothId: integer("booth_id").references(() => booths.id),
    members: integer("members").notNull(),
    updatedBy: integer("updated_by").references(() => users.id),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check("targets_level", sql`${t.level} IN ('state', 'pc', 'ac', 'district', 'block', 'booth')`),
    check("targets_members_nonnegative", sql`${t.members} >= 0`),
    check(
      "targets_unit_matches_level",
      sql`(${t.pcId} IS NOT NULL) = (${t.level} = 'pc')
        AND (${t.acId} IS NOT NULL) = (${t.level} = 'ac')
        AND (${t.districtId} IS NOT NULL) = (${t.level} = 'district')
        AND (${t.blockId} IS NOT NULL) = (${t.level} = 'block')
        AND (${t.boothId} IS NOT NULL) = (${t.level} = 'booth')`,
    ),
    uniqueIndex("targets_state_unique").on(t.campaignId).where(sql`${t.level} = 'state'`),
    uniqueIndex("targets_pc_unique").on(t.campaignId, t.pcId).where(sql`${t.pcId} IS NOT NULL`),
    uniqueIndex("targets_ac_unique").on(t.campaignId, t.acId).where(sql`${t.acId} IS NOT NULL`),
    uniqueIndex("targets_district_unique").on(t.campaignId, t.districtId).where(sql`${t.districtId} IS NOT NULL`),
    uniqueIndex("targets_block_unique").on(t.campaignId, t.blockId).where(sql`${t.blockId} IS NOT NULL`),
    uniqueIndex("targets_booth_unique").on(t.campaignId, t.boothId).where(sql`${t.boothId} IS NOT NULL`),
  ],
);

export const campaignsRelations = relations(campaigns, ({ many }) => ({ targets: many(targets) }));
export const targetsRelations = relations(targets, ({ one }) => ({
  campaign: one(campaigns, { fields: [targets.campaignId], references: [campaigns.id] }),
}));

export type Campaign = typeof campaigns.$inferSelect;
export type Target = typeof targets.$inferSelect;
