import "server-only";
import { and, eq, sql } from "drizzle-orm";
import { queryRows, type DbOrTx } from "@/db/client";
import { booths } from "@/db/schema";
import { boothScope } from "@/lib/auth/scope";
import type { Viewer } from "@/lib/auth/viewer";
import type { GeoLevel } from "@/lib/geo/levels";
import { boothsOf, type ProgressUnit } from "@/lib/geo/units";

/**
 * Sign-ups and posts of a unit's booths in the viewer's scope, read from the counters (never by counting
 * members), in "cells": from the assembly seat down each booth is a cell; above it, booths are summed per
 * (AC, district) in SQL, so an AC in two districts is two cells and each district gets exactly its own
 * booths. Progress and targets add cells up into the units they show.
 */

export interface Counts {
  booths: number;
  members: number;
  viaApp: number;
  viaBook: number;
  viaImport: number;
  sc: number;
  st: number;
  obc: number;
  gen: number;
  /** Of `members`, those with an open quality flag (still counted). */
  underReview: number;
  /** Sign-ups voided on review: not in `members` (nor in any other count here). */
  voided: number;
  /** Booths with an active IT-cell member. */
  covered: number;
  /** Booths with at least one active enroller. */
  enrollerBooths: number;
  /** Active enrollers. */
  enrollers: number;
}

export interface Cell extends Counts {
  pcId: number;
  acId: number;
  districtId: number;
  /** Booth-level cells only. */
  boothId: number | null;
  blockId: number | null;
  code: string | null;
  partNo: number | null;
  name: string | null;
  nameHi: string | null;
}

export const ZERO: Counts = {
  booths: 0,
  members: 0,
  viaApp: 0,
  viaBook: 0,
  viaImport: 0,
  sc: 0,
  st: 0,
  obc: 0,
  gen: 0,
  underReview: 0,
  voided: 0,
  covered: 0,
  enrollerBooths: 0,
  enrollers: 0,
};
const COUNT_KEYS = Object.keys(ZERO) as (keyof Counts)[];

export function add(into: Counts, c: Counts): Counts {
  for (const k of COUNT_KEYS) into[k] += c[k];
  return into;
}

type Row = Record<string, unknown>;
const n = (v: unknown) => (v === null || v === undefined ? 0 : Number(v));
const nn = (v: unknown) => (v === null || v === undefined ? null : Number(v));
const s = (v: unknown) => (v === null || v === undefined ? null : String(v));

/** Booth-level cells below the AC; (AC, district) cells above it. */
function boothLevel(level: GeoLevel): boolean {
  return level === "ac" || level === "district" || level === "block" || level === "booth";
}

export async function loadCells(
  db: DbOrTx,
  viewer: Viewer,
  unit: Pick<ProgressUnit, "level" | "id" | "stateId">,
  fine = boothLevel(unit.level),
): Promise<Cell[]> {
  const where = and(boothsOf(unit), eq(booths.stateId, unit.stateId), boothScope(viewer));
  const sums = sql`count(*)::int AS booths, coalesce(sum(c.members), 0)::int AS members,
    coalesce(sum(c.via_app), 0)::int AS via_app, coalesce(sum(c.via_book), 0)::int AS via_book,
    coalesce(sum(c.via_import), 0)::int AS via_import, coalesce(sum(c.cat_sc), 0)::int AS sc,
    coalesce(sum(c.cat_st), 0)::int AS st, coalesce(sum(c.cat_obc), 0)::int AS obc, coalesce(sum(c.cat_gen), 0)::int AS gen,
    coalesce(sum(r.under_review), 0)::int AS under_review, coalesce(sum(c.voided), 0)::int AS voided`;
  // Under review is kept apart from booth_counters (the quality job moves it while sign-ups arrive).
  const counterJoin = sql`LEFT JOIN booth_counters c ON c.booth_id = ${booths.id} LEFT JOIN booth_review_counters r ON r.booth_id = ${booths.id}`;
  const activePosts = sql`a.ended_at IS NULL AND a.role IN ('it_member', 'enroller')`;
  // Posts per booth first (a booth is covered when it has an active IT-cell member), then per cell.
  const perBooth = sql`SELECT a.booth_id, ${booths.acId} AS ac_id, ${booths.districtId} AS district_id,
      bool_or(a.role = 'it_member') AS covered, count(*) FILTER (WHERE a.role = 'enroller') AS enrollers
    FROM appointments a JOIN ${booths} ON ${booths.id} = a.booth_id
    WHERE ${activePosts} AND ${where}
    GROUP BY a.booth_id, ${booths.acId}, ${booths.districtId}`;
  const [counters, appts] = fine
    ? await Promise.all([
        queryRows<Row>(
          db,
          sql`SELECT ${booths.id} AS booth_id, ${booths.code} AS code, ${booths.partNo} AS part_no, ${booths.name} AS name,
                     ${booths.nameHi} AS name_hi, ${booths.pcId} AS pc_id, ${booths.acId} AS ac_id,
                     ${booths.districtId} AS district_id, ${booths.blockId} AS block_id, 1 AS booths,
                     coalesce(c.members, 0) AS members, coalesce(c.via_app, 0) AS via_app, coalesce(c.via_book, 0) AS via_book,
                     coalesce(c.via_import, 0) AS via_import, coalesce(c.cat_sc, 0) AS sc, coalesce(c.cat_st, 0) AS st,
                     coalesce(c.cat_obc, 0) AS obc, coalesce(c.cat_gen, 0) AS gen,
                     coalesce(r.under_review, 0) AS under_review, coalesce(c.voided, 0) AS voided
              FROM ${booths} ${counterJoin}
              WHERE ${where}`,
        ),
        queryRows<Row>(
          db,
          sql`SELECT booth_id, covered::int AS covered, (enrollers > 0)::int AS enroller_booths, enrollers::int AS enrollers
              FROM (${perBooth}) p`,
        ),
      ])
    : await Promise.all([
        queryRows<Row>(
          db,
          sql`SELECT ${booths.pcId} AS pc_id, ${booths.acId} AS ac_id, ${booths.districtId} AS district_id, ${sums}
              FROM ${booths} ${counterJoin}
              WHERE ${where} GROUP BY ${booths.pcId}, ${booths.acId}, ${booths.districtId}`,
        ),
        queryRows<Row>(
          db,
          unit.level === "state"
            ? // The whole state: fold the posts per booth first, then join those ~20,000 rows to booths once.
              sql`SELECT ${booths.acId} AS ac_id, ${booths.districtId} AS district_id, count(*) FILTER (WHERE p.covered)::int AS covered,
                         count(*) FILTER (WHERE p.enrollers > 0)::int AS enroller_booths, coalesce(sum(p.enrollers), 0)::int AS enrollers
                  FROM (SELECT a.booth_id, bool_or(a.role = 'it_member') AS covered, count(*) FILTER (WHERE a.role = 'enroller') AS enrollers
                        FROM appointments a WHERE ${activePosts} AND a.booth_id IS NOT NULL AND a.state_id = ${unit.stateId}
                        GROUP BY a.booth_id) p
                  JOIN ${booths} ON ${booths.id} = p.booth_id
                  WHERE ${where} GROUP BY ${booths.acId}, ${booths.districtId}`
            : sql`SELECT ac_id, district_id, count(*) FILTER (WHERE covered)::int AS covered,
                         count(*) FILTER (WHERE enrollers > 0)::int AS enroller_booths, coalesce(sum(enrollers), 0)::int AS enrollers
                  FROM (${perBooth}) p GROUP BY ac_id, district_id`,
        ),
      ]);
  const key = (r: Row) => (fine ? String(r.booth_id) : `${r.ac_id}:${r.district_id}`);
  const postsByKey = new Map(appts.map((r) => [key(r), r]));
  return counters.map((r) => {
    const p = postsByKey.get(key(r));
    return {
      pcId: n(r.pc_id),
      acId: n(r.ac_id),
      districtId: n(r.district_id),
      boothId: fine ? n(r.booth_id) : null,
      blockId: nn(r.block_id),
      code: s(r.code),
      partNo: nn(r.part_no),
      name: s(r.name),
      nameHi: s(r.name_hi),
      booths: n(r.booths),
      members: n(r.members),
      viaApp: n(r.via_app),
      viaBook: n(r.via_book),
      viaImport: n(r.via_import),
      sc: n(r.sc),
      st: n(r.st),
      obc: n(r.obc),
      gen: n(r.gen),
      underReview: n(r.under_review),
      voided: n(r.voided),
      covered: n(p?.covered),
      enrollerBooths: n(p?.enroller_booths),
      enrollers: n(p?.enrollers),
    };
  });
}

export function groupCells<K>(cells: readonly Cell[], key: (c: Cell) => K | null): Map<K, Counts> {
  const out = new Map<K, Counts>();
  for (const c of cells) {
    const k = key(c);
    if (k === null) continue;
    const acc = out.get(k) ?? { ...ZERO };
    add(acc, c);
    out.set(k, acc);
  }
  return out;
}
