/**
 * The demo seed: Chhattisgarh's real PCs, ACs and districts (geo-data.ts), synthetic booths (labelled
 * `synthetic`), workers and appointments with visible gaps, a running campaign relative to today, targets,
 * and members with a plausible daily curve. Deterministic: the same seed and `now` give the same rows.
 *
 * Members go in with set-based inserts; the members trigger keeps the counters in the same statements.
 * When the seed creates members, each booth's enroller gets an enrolment-app token (hashed; its string is
 * derived from the seed and never printed) and the ordinary app and book sign-ups carry their enroller;
 * with `quality`, the labelled doubtful patterns are planted on top (quality-patterns.ts) and the quality
 * scan runs at the end, so /quality shows every reason at once.
 */
import { createHash } from "node:crypto";
import bcrypt from "bcryptjs";
import { sql } from "drizzle-orm";
import { addDays, daysBetween, istDate, istDayStart, weekday } from "@/lib/dates";
import { formatNumber } from "@/lib/format";
import { boothCode } from "@/lib/geo/slug";
import { hashToken, tokenPrefixOf } from "@/lib/auth/token-hash";
import { bulkInsert, syncIdSequence } from "@/db/bulk";
import { queryRows, type Db, type DbOrTx } from "@/db/client";
import * as s from "@/db/schema";
import { ACS, DISTRICTS, PCS, STATE } from "@/lib/seed/geo-data";
import {
  epicFor,
  EPIC_PREFIXES,
  insertMemberColumns,
  mobile,
  newMemberColumns,
  personName,
  timeOnDay,
  type BoothPlan,
} from "@/lib/seed/member-rows";
import { BOOTH_BUILDINGS, CASTES_BY_CATEGORY, RELIGIONS } from "@/lib/seed/people-data";
import { plantQualityPatterns, type Enroller, type SeedQuality } from "@/lib/seed/quality-patterns";
import { pickCumulative, Rng } from "@/lib/seed/random";

export type { SeedQuality } from "@/lib/seed/quality-patterns";

export const STATE_ID = 1;
/** Polling stations at the 2023 Chhattisgarh assembly election; the seed spreads exactly this many. */
export const STATE_BOOTHS = 24_109;
export const DEMO_PASSWORD = "demo-password";
export const CAMPAIGN_DAYS_BEFORE = 42;
export const CAMPAIGN_DAYS_AFTER = 27;

export interface SeedOptions {
  seed?: number;
  members?: number;
  /** The moment the seed treats as now (tests pin it for determinism). */
  now?: Date;
  /** Create the demo users (never in production). */
  demoUsers?: boolean;
  log?: (message: string) => void;
  /**
   * With members, also plant the labelled doubtful patterns (lib/seed/quality-patterns.ts) and run the
   * quality scan at the end. The photo and scan code live in the members feature, which shared lib/ may not
   * import, so the caller hands them in: `quality: seedQuality` from lib/members/quality/seed-quality.ts.
   */
  quality?: SeedQuality;
}

export interface SeedSummary {
  booths: number;
  /** The ordinary members (SeedOptions.members); the planted quality patterns come on top. */
  members: number;
  /** Members planted for the quality signals (0 without `quality`). */
  planted: number;
  /** How long the seed's quality scan took, or null when it did not run. */
  qualityScanSeconds: number | null;
  workers: number;
  appointments: number;
  campaignId: number;
  startsOn: string;
  endsOn: string;
}

/** Divisions of Chhattisgarh: where chief-enroller trainings are held. */
const DIVISIONS: { hq: string; hqHi: string; districts: string[] }[] = [
  { hq: "raipur", hqHi: "रायपुर", districts: ["raipur", "baloda-bazar", "gariaband", "mahasamund", "dhamtari"] },
  {
    hq: "durg",
    hqHi: "दुर्ग",
    districts: ["durg", "balod", "bemetara", "rajnandgaon", "kabirdham", "khairagarh-chhuikhadan-gandai", "mohla-manpur-ambagarh-chowki"],
  },
  {
    hq: "bilaspur",
    hqHi: "बिलासपुर",
    districts: ["bilaspur", "mungeli", "korba", "janjgir-champa", "raigarh", "gaurela-pendra-marwahi", "sakti", "sarangarh-bilaigarh"],
  },
  { hq: "surguja", hqHi: "सरगुजा", districts: ["surguja", "surajpur", "balrampur", "jashpur", "koriya", "manendragarh-chirmiri-bharatpur"] },
  { hq: "bastar", hqHi: "बस्तर", districts: ["bastar", "kondagaon", "narayanpur", "kanker", "dantewada", "sukma", "bijapur"] },
];

export async function isSeeded(db: DbOrTx): Promise<boolean> {
  const [r] = await queryRows<{ seeded: boolean }>(db, sql`SELECT EXISTS (SELECT 1 FROM states) AS seeded`);
  return Boolean(r?.seeded);
}

export async function seed(db: Db, opts: SeedOptions = {}): Promise<SeedSummary> {
  const seedValue = opts.seed ?? 20_26;
  const memberCount = opts.members ?? 200_000;
  const now = opts.now ?? new Date();
  const log = opts.log ?? (() => {});
  const today = istDate(now);
  const startsOn = addDays(today, -CAMPAIGN_DAYS_BEFORE);
  const endsOn = addDays(today, CAMPAIGN_DAYS_AFTER);
  // Each part draws from its own stream, so changing one part does not reshuffle the others.
  const rng = (part: number) => new Rng(seedValue * 1_000 + part);

  const geo = await db.transaction(async (tx) => {
    if (await isSeeded(tx)) throw new Error("the database already holds data; the seed runs only on an empty one");
    return seedGeography(tx, rng(1));
  });
  log(`geography: ${PCS.length} PCs, ${ACS.length} ACs, ${DISTRICTS.length} districts, ${geo.booths.length} booths`);

  const campaignId = await db.transaction(async (tx) => {
    const [campaign] = await tx
      .insert(s.campaigns)
      .values({ stateId: STATE_ID, name: `Sadasyata Abhiyan ${startsOn.slice(0, 4)}`, nameHi: `सदस्यता अभियान ${startsOn.slice(0, 4)}`, startsOn, endsOn })
      .returning({ id: s.campaigns.id });
    return campaign!.id;
  });

  const people = await db.transaction((tx) => seedPeople(tx, rng(2), geo, startsOn, today, now));
  log(`people: ${people.workers} workers, ${people.appointments} appointments, trainings with attendance`);

  let planted = 0;
  if (memberCount > 0) {
    const enrollers = await db.transaction((tx) => seedEnrollerTokens(tx, seedValue, geo.booths.length));
    log(`enrolment-app tokens: ${formatNumber(enrollers.list.length)} booth enrollers`);
    const started = Date.now();
    await seedMembers(db, rng(3), geo.booths, memberCount, startsOn, today, now, log, enrollers);
    log(`members: ${memberCount} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    if (opts.quality) {
      const p = await plantQualityPatterns(db, rng(6), {
        stateId: STATE_ID,
        stateCode: STATE.code,
        seedValue,
        booths: geo.booths,
        enrollers: enrollers.list,
        ordinaryMembers: memberCount,
        startsOn,
        today,
        now,
        quality: opts.quality,
        tokenFor: (key) => seededToken(seedValue, key),
      });
      planted = p.members;
      log(`quality patterns: ${p.members} planted members, ${p.labels} labels (${p.summary})`);
    }
  }

  await db.transaction(async (tx) => {
    await seedTargets(tx, campaignId, geo.booths, memberCount, startsOn, endsOn, today);
    if (opts.demoUsers) {
      await seedDemoUsers(tx, geo.districtIds);
      await seedDemoToken(tx, geo.districtIds.get("raipur")!);
    }
    await tx.insert(s.auditEvents).values({
      stateId: STATE_ID,
      actorLabel: "seed",
      action: "seed",
      entityType: "database",
      after: { seed: seedValue, members: memberCount, booths: geo.booths.length, demoUsers: Boolean(opts.demoUsers) },
      at: now,
    });
  });
  // Fresh tables have no statistics; without them the planner picks nested loops over 25,000 booths.
  await db.execute(sql`ANALYZE`);
  let qualityScanSeconds: number | null = null;
  if (memberCount > 0 && opts.quality) {
    // Every signal over every member now, so a fresh demo shows each reason on /quality at once.
    const scan = await opts.quality.scan(db);
    qualityScanSeconds = scan.seconds;
    const flagged = Object.entries(scan.flagged).map(([k, v]) => `${k} ${formatNumber(v ?? 0)}`).join(", ");
    log(`quality scan: ${formatNumber(scan.members)} members in ${scan.seconds.toFixed(1)} s (flags: ${flagged})`);
    await db.execute(sql`ANALYZE member_flags, member_fingerprints`);
  }
  return {
    booths: geo.booths.length,
    members: memberCount,
    planted,
    qualityScanSeconds,
    workers: people.workers,
    appointments: people.appointments,
    campaignId,
    startsOn,
    endsOn,
  };
}

async function seedGeography(tx: DbOrTx, rng: Rng) {
  await tx.insert(s.states).values({ id: STATE_ID, ...STATE });
  const pcRows = await tx
    .insert(s.lokSabhaSeats)
    .values(PCS.map((p) => ({ stateId: STATE_ID, no: p.no, name: p.name, nameHi: p.nameHi, reserved: p.reserved })))
    .returning({ id: s.lokSabhaSeats.id, no: s.lokSabhaSeats.no });
  const pcIds = new Map(pcRows.map((r) => [r.no, r.id]));
  const districtRows = await tx
    .insert(s.districts)
    .values(DISTRICTS.map((d) => ({ stateId: STATE_ID, slug: d.slug, name: d.name, nameHi: d.nameHi })))
    .returning({ id: s.districts.id, slug: s.districts.slug });
  const districtIds = new Map(districtRows.map((r) => [r.slug, r.id]));
  const acRows = await tx
    .insert(s.assemblySeats)
    .values(
      ACS.map((a) => ({ stateId: STATE_ID, pcId: pcIds.get(a.pcNo)!, no: a.no, name: a.name, nameHi: a.nameHi, reserved: a.reserved })),
    )
    .returning({ id: s.assemblySeats.id, no: s.assemblySeats.no });
  const acIds = new Map(acRows.map((r) => [r.no, r.id]));
  await tx
    .insert(s.assemblySeatDistricts)
    .values(ACS.flatMap((a) => a.districts.map((slug) => ({ acId: acIds.get(a.no)!, districtId: districtIds.get(slug)! }))));
  const blockRows = await tx
    .insert(s.blocks)
    .values(DISTRICTS.flatMap((d) => d.blocks.map((b) => ({ stateId: STATE_ID, districtId: districtIds.get(d.slug)!, name: b.name, nameHi: b.nameHi }))))
    .returning({ id: s.blocks.id, districtId: s.blocks.districtId, name: s.blocks.name, nameHi: s.blocks.nameHi });

  // Booths per AC vary ±25% around the mean and add up to exactly STATE_BOOTHS (largest remainder).
  const weights = ACS.map(() => 0.75 + rng.next() * 0.5);
  const totalWeight = weights.reduce((a, b) => a + b, 0);
  const exact = weights.map((w) => (w / totalWeight) * STATE_BOOTHS);
  const counts = exact.map(Math.floor);
  const remainder = STATE_BOOTHS - counts.reduce((a, b) => a + b, 0);
  exact
    .map((x, i) => [x - Math.floor(x), i] as const)
    .sort((a, b) => b[0] - a[0] || a[1] - b[1])
    .slice(0, remainder)
    .forEach(([, i]) => (counts[i]! += 1));

  const booths: BoothPlan[] = [];
  ACS.forEach((ac, i) => {
    const n = counts[i]!;
    // A seat in two districts has its booths split between them, so district totals come from booths.
    const split = ac.districts.length > 1 ? Math.round(n * (0.35 + rng.next() * 0.3)) : n;
    for (let part = 1; part <= n; part++) {
      const slug = part <= split ? ac.districts[0]! : ac.districts[1]!;
      booths.push({
        id: booths.length + 1,
        acNo: ac.no,
        acId: acIds.get(ac.no)!,
        pcId: pcIds.get(ac.pcNo)!,
        districtId: districtIds.get(slug)!,
        districtSlug: slug,
        blockId: null,
        partNo: part,
      });
    }
  });
  // Each district's booths, in seat and part order, are dealt to its blocks in contiguous runs.
  const boothName: string[] = [];
  const boothNameHi: string[] = [];
  for (const d of DISTRICTS) {
    const districtId = districtIds.get(d.slug)!;
    const inDistrict = booths.filter((b) => b.districtId === districtId);
    const blocksHere = blockRows.filter((b) => b.districtId === districtId);
    inDistrict.forEach((b, i) => {
      b.blockId = blocksHere[Math.floor((i * blocksHere.length) / inDistrict.length)]!.id;
    });
  }
  const blockById = new Map(blockRows.map((b) => [b.id, b]));
  for (const b of booths) {
    const [building, buildingHi] = rng.pick(BOOTH_BUILDINGS);
    const block = blockById.get(b.blockId!)!;
    const village = rng.int(1, 60);
    boothName.push(`${building}, ${block.name} ${village}`);
    boothNameHi.push(`${buildingHi}, ${block.nameHi ?? block.name} ${village}`);
  }
  await bulkInsert(tx, "booths", {
    id: ["int", booths.map((b) => b.id)],
    state_id: ["smallint", booths.map(() => STATE_ID)],
    pc_id: ["int", booths.map((b) => b.pcId)],
    ac_id: ["int", booths.map((b) => b.acId)],
    district_id: ["int", booths.map((b) => b.districtId)],
    block_id: ["int", booths.map((b) => b.blockId)],
    part_no: ["smallint", booths.map((b) => b.partNo)],
    code: ["text", booths.map((b) => boothCode(b.acNo, b.partNo))],
    name: ["text", boothName],
    name_hi: ["text", boothNameHi],
    synthetic: ["boolean", booths.map(() => true)],
  });
  await syncIdSequence(tx, "booths");
  return { booths, districtIds, acIds, pcIds, blockRows };
}

type Geo = Awaited<ReturnType<typeof seedGeography>>;

async function seedPeople(tx: DbOrTx, rng: Rng, geo: Geo, startsOn: string, today: string, now: Date) {
  const workers: { id: number; name: string; phone: string; epic: string | null; createdAt: Date }[] = [];
  const appts: {
    workerId: number;
    role: s.AppointmentRole;
    level: "pc" | "ac" | "district" | "block" | "booth";
    unitId: number;
    appointedAt: Date;
    endedAt: Date | null;
    endedReason: string | null;
  }[] = [];
  const campaignDay = (maxOffset: number) => addDays(startsOn, rng.int(-10, maxOffset));
  const addWorker = (at: Date) => {
    const gender = rng.chance(0.3) ? "F" : "M";
    const w = {
      id: workers.length + 1,
      name: personName(rng, gender, rng.chance(0.5)),
      phone: mobile(rng),
      epic: rng.chance(0.6) ? epicFor(workers.length + 5_000_000, "WRK") : null,
      createdAt: at,
    };
    workers.push(w);
    return w.id;
  };
  const appoint = (role: s.AppointmentRole, level: (typeof appts)[number]["level"], unitId: number, fill: number) => {
    if (!rng.chance(fill)) return;
    const at = timeOnDay(rng, campaignDay(20), now);
    // A few posts changed hands: the history keeps the earlier holder with the reason it ended.
    if (rng.chance(0.04)) {
      const endedAt = new Date(at.getTime() - 3 * 86_400_000);
      const startedAt = new Date(endedAt.getTime() - 10 * 86_400_000);
      appts.push({ workerId: addWorker(startedAt), role, level, unitId, appointedAt: startedAt, endedAt, endedReason: "Moved out of the area" });
    }
    appts.push({ workerId: addWorker(at), role, level, unitId, appointedAt: at, endedAt: null, endedReason: null });
  };

  // Raipur's chief enroller always exists: the demo enrolment token belongs to that post.
  for (const [slug, id] of geo.districtIds) appoint("chief_enroller", "district", id, slug === "raipur" ? 1 : 0.9);
  for (const b of geo.blockRows) appoint("chief_enroller", "block", b.id, 0.75);
  for (const [, id] of geo.pcIds) appoint("it_president", "pc", id, 0.82);
  for (const [, id] of geo.acIds) appoint("it_president", "ac", id, 0.72);
  for (const [, id] of geo.districtIds) appoint("it_president", "district", id, 0.8);
  // Booth coverage varies by seat (some seats far behind), which is what the coverage pages are for.
  const acCoverage = new Map([...geo.acIds.values()].map((id) => [id, 0.3 + rng.next() * 0.6]));
  const acEnrollers = new Map([...geo.acIds.values()].map((id) => [id, 0.25 + rng.next() * 0.55]));
  for (const b of geo.booths) {
    appoint("it_member", "booth", b.id, acCoverage.get(b.acId)!);
    appoint("enroller", "booth", b.id, acEnrollers.get(b.acId)!);
    if (rng.chance(0.1)) appoint("enroller", "booth", b.id, 1);
  }

  await bulkInsert(tx, "workers", {
    id: ["int", workers.map((w) => w.id)],
    state_id: ["smallint", workers.map(() => STATE_ID)],
    name: ["text", workers.map((w) => w.name)],
    phone: ["text", workers.map((w) => w.phone)],
    epic: ["text", workers.map((w) => w.epic)],
    created_at: ["timestamptz", workers.map((w) => w.createdAt.toISOString())],
  });
  await syncIdSequence(tx, "workers");
  const unit = (level: string) => appts.map((a) => (a.level === level ? a.unitId : null));
  await bulkInsert(tx, "appointments", {
    state_id: ["smallint", appts.map(() => STATE_ID)],
    worker_id: ["int", appts.map((a) => a.workerId)],
    role: ["text", appts.map((a) => a.role)],
    pc_id: ["int", unit("pc")],
    ac_id: ["int", unit("ac")],
    district_id: ["int", unit("district")],
    block_id: ["int", unit("block")],
    booth_id: ["int", unit("booth")],
    appointed_at: ["timestamptz", appts.map((a) => a.appointedAt.toISOString())],
    ended_at: ["timestamptz", appts.map((a) => a.endedAt?.toISOString() ?? null)],
    ended_reason: ["text", appts.map((a) => a.endedReason)],
  });

  // Two-day trainings for chief enrollers at each division's headquarters; the last one is still ahead.
  const chiefs = appts.filter((a) => a.role === "chief_enroller" && a.endedAt === null);
  const blockDistrict = new Map(geo.blockRows.map((b) => [b.id, b.districtId]));
  const attendance: { trainingId: number; workerId: number; days: number }[] = [];
  for (const [i, division] of DIVISIONS.entries()) {
    const startsDay = addDays(startsOn, 7 + i * 7);
    const [training] = await tx
      .insert(s.trainings)
      .values({
        stateId: STATE_ID,
        title: `Chief enroller training — ${division.hqHi}`,
        place: `District party office, ${division.hq[0]!.toUpperCase()}${division.hq.slice(1)}`,
        level: "district",
        districtId: geo.districtIds.get(division.hq)!,
        startsOn: startsDay,
        endsOn: addDays(startsDay, 1),
        createdAt: new Date(istDayStart(startsOn).getTime() + i * 3_600_000),
      })
      .returning({ id: s.trainings.id });
    if (daysBetween(today, startsDay) > 0) continue;
    const divisionDistricts = new Set(division.districts.map((slug) => geo.districtIds.get(slug)!));
    for (const c of chiefs) {
      const districtId = c.level === "district" ? c.unitId : blockDistrict.get(c.unitId)!;
      if (!divisionDistricts.has(districtId) || !rng.chance(0.72)) continue;
      // Only the days begun by `today` can have been attended (the database refuses more).
      const days = Math.min(rng.chance(0.85) ? 2 : 1, daysBetween(startsDay, today) + 1);
      attendance.push({ trainingId: training!.id, workerId: c.workerId, days });
    }
  }
  if (attendance.length > 0) {
    await bulkInsert(tx, "training_attendance", {
      training_id: ["int", attendance.map((a) => a.trainingId)],
      worker_id: ["int", attendance.map((a) => a.workerId)],
      state_id: ["smallint", attendance.map(() => STATE_ID)],
      days_attended: ["smallint", attendance.map((a) => a.days)],
      marked_at: ["timestamptz", attendance.map(() => now.toISOString())],
    });
  }
  return { workers: workers.length, appointments: appts.length };
}

async function seedMembers(
  db: Db,
  rng: Rng,
  booths: BoothPlan[],
  total: number,
  startsOn: string,
  today: string,
  now: Date,
  log: (m: string) => void,
  enrollers: BoothEnrollers,
) {
  if (total <= 0) return;
  // Booth weights: each seat has its own pace (some lag far behind); ~7% of booths have no sign-ups yet.
  const acPace = new Map<number, number>();
  const cumulative = new Float64Array(booths.length);
  let running = 0;
  booths.forEach((b, i) => {
    if (!acPace.has(b.acId)) acPace.set(b.acId, 0.45 + rng.next() * 0.9);
    running += rng.chance(0.07) ? 0 : acPace.get(b.acId)! * (0.2 + rng.next() * 1.6);
    cumulative[i] = running;
  });

  // Daily curve: a two-week ramp, quieter Sundays, today only partly done.
  const days = daysBetween(startsOn, today) + 1;
  const dayList = Array.from({ length: days }, (_, d) => addDays(startsOn, d));
  const todayShare = Math.min(1, Math.max(0.05, (now.getTime() - istDayStart(today).getTime()) / 86_400_000));
  const dayWeights = dayList.map((day, d) => {
    const ramp = 0.3 + 0.7 * Math.min(1, d / 14);
    const sunday = weekday(day) === 0 ? 0.65 : 1;
    const wave = 1 + 0.12 * Math.sin(d / 4);
    return ramp * sunday * wave * (day === today ? todayShare : 1);
  });
  const weightSum = dayWeights.reduce((a, b) => a + b, 0);
  const perDay = dayWeights.map((w) => Math.floor((w / weightSum) * total));
  perDay[perDay.length - 2 >= 0 ? perDay.length - 2 : 0]! += total - perDay.reduce((a, b) => a + b, 0);

  const year = startsOn.slice(2, 4);
  const acReserved = new Map(ACS.map((a) => [a.no, a.reserved]));
  let seq = 0;
  const chunk = 10_000;
  let rows = newMemberColumns();
  // Two chunks in flight: while the database inserts one (and its trigger updates counters in booth
  // order, so concurrent chunks wait for each other rather than deadlock), the next one is generated.
  const inFlight: Promise<void>[] = [];
  const flush = async () => {
    if (rows.id.length === 0) return;
    const batch = rows;
    rows = newMemberColumns();
    if (inFlight.length >= 2) await inFlight.shift();
    const insert = insertMembers(batch);
    insert.catch(() => {}); // awaited below; this only keeps Node from calling it unhandled meanwhile
    inFlight.push(insert);
  };
  const insertMembers = (batch: ReturnType<typeof newMemberColumns>) => insertMemberColumns(db, STATE_ID, batch, chunk);

  for (const [d, day] of dayList.entries()) {
    const times = Array.from({ length: perDay[d]! }, () => timeOnDay(rng, day, now).getTime()).sort((a, b) => a - b);
    for (const t of times) {
      seq += 1;
      const booth = booths[pickCumulative(cumulative, rng.next())]!;
      const gender: "F" | "M" | "O" = rng.chance(0.001) ? "O" : rng.chance(0.47) ? "F" : "M";
      const devanagari = rng.chance(0.6);
      const reserved = acReserved.get(booth.acNo);
      const category = rng.weighted<s.CasteCategory>(
        reserved === "ST"
          ? [["ST", 0.6], ["OBC", 0.25], ["SC", 0.08], ["GEN", 0.07]]
          : reserved === "SC"
            ? [["SC", 0.3], ["OBC", 0.45], ["ST", 0.12], ["GEN", 0.13]]
            : [["OBC", 0.5], ["ST", 0.2], ["SC", 0.13], ["GEN", 0.17]],
      );
      const channel = rng.weighted<s.Channel>([["app", 0.7], ["book", 0.25], ["import", 0.05]]);
      rows.id.push(seq);
      rows.membershipNo.push(`${STATE.code}${year}-${String(seq).padStart(7, "0")}`);
      rows.epic.push(epicFor(seq, rng.pick(EPIC_PREFIXES)));
      rows.name.push(personName(rng, gender, devanagari));
      rows.relativeName.push(personName(rng, "M", devanagari));
      rows.gender.push(gender);
      rows.age.push(18 + Math.floor(Math.pow(rng.next(), 1.4) * 62));
      rows.phone.push(mobile(rng));
      rows.address.push(devanagari ? `मकान ${rng.int(1, 400)}, वार्ड ${rng.int(1, 40)}` : `House ${rng.int(1, 400)}, Ward ${rng.int(1, 40)}`);
      rows.religion.push(rng.weighted(RELIGIONS));
      rows.caste.push(rng.pick(CASTES_BY_CATEGORY[category]));
      rows.casteCategory.push(category);
      rows.boothId.push(booth.id);
      rows.acId.push(booth.acId);
      rows.districtId.push(booth.districtId);
      rows.channel.push(channel);
      // The booth's enroller brought the sign-up in (the app's through their token) once they held the post.
      const byEnroller = enrollers.workerOf[booth.id]! > 0 && t >= enrollers.fromOf[booth.id]! && channel !== "import";
      rows.enrolledByWorkerId.push(byEnroller ? enrollers.workerOf[booth.id]! : null);
      rows.apiTokenId.push(byEnroller && channel === "app" ? enrollers.tokenOf[booth.id]! : null);
      rows.photo.push(null);
      rows.bookNo.push(channel === "book" ? `B${String(booth.acNo).padStart(3, "0")}-${rng.int(1, 400)}` : null);
      rows.pageNo.push(channel === "book" ? rng.int(1, 50) : null);
      rows.consentLang.push(devanagari ? "hi" : "en");
      rows.createdAt.push(new Date(t).toISOString());
      rows.enrolledOn.push(day);
      if (rows.id.length >= chunk) {
        await flush();
        if (seq % 200_000 === 0) log(`  members: ${formatNumber(seq)} of ${formatNumber(total)}`);
      }
    }
  }
  await flush();
  await Promise.all(inFlight);
  await db.execute(sql`SELECT setval(pg_get_serial_sequence('members', 'id'), ${seq})`);
}

/** Each booth's enroller (the first active one) and their enrolment-app token, by booth id (0: none). */
interface BoothEnrollers {
  workerOf: Int32Array;
  tokenOf: Int32Array;
  /** When the enroller took the post (ms): their sign-ups start then. */
  fromOf: Float64Array;
  list: Enroller[];
}

/** A token string for a seeded enroller: deterministic from the seed, stored only as its hash, never printed. */
function seededToken(seedValue: number, key: string): string {
  return `sdt_${createHash("sha256").update(`sadasyata-seed:${seedValue}:${key}`).digest("base64url")}`;
}

/**
 * An enrolment-app token for each booth's enroller (the first active one by appointment), created when they
 * took the post, hashed like every token (lib/auth/token-hash.ts). Only when the seed creates members: the
 * ordinary app sign-ups carry them, so the scorecards and the burst signal have a realistic curve.
 */
async function seedEnrollerTokens(tx: DbOrTx, seedValue: number, boothCount: number): Promise<BoothEnrollers> {
  const rows = await queryRows<{ id: number; worker_id: number; booth_id: number; appointed_at: string }>(
    tx,
    sql`SELECT DISTINCT ON (booth_id) id, worker_id, booth_id, appointed_at::text AS appointed_at
        FROM appointments WHERE role = 'enroller' AND booth_id IS NOT NULL AND ended_at IS NULL
        ORDER BY booth_id, id`,
  );
  const tokens = rows.map((r) => seededToken(seedValue, `enroller:${r.id}`));
  await bulkInsert(tx, "api_tokens", {
    id: ["int", rows.map((_, i) => i + 1)],
    state_id: ["smallint", rows.map(() => STATE_ID)],
    appointment_id: ["int", rows.map((r) => r.id)],
    worker_id: ["int", rows.map((r) => r.worker_id)],
    token_hash: ["text", tokens.map(hashToken)],
    token_prefix: ["text", tokens.map(tokenPrefixOf)],
    label: ["text", rows.map(() => "Enrolment app")],
    created_at: ["timestamptz", rows.map((r) => new Date(r.appointed_at).toISOString())],
  });
  await syncIdSequence(tx, "api_tokens");
  const workerOf = new Int32Array(boothCount + 1);
  const tokenOf = new Int32Array(boothCount + 1);
  const fromOf = new Float64Array(boothCount + 1);
  const list: Enroller[] = [];
  rows.forEach((r, i) => {
    const at = new Date(r.appointed_at).getTime();
    workerOf[r.booth_id] = Number(r.worker_id);
    tokenOf[r.booth_id] = i + 1;
    fromOf[r.booth_id] = at;
    list.push({ appointmentId: Number(r.id), workerId: Number(r.worker_id), boothId: Number(r.booth_id), appointedAt: new Date(at) });
  });
  return { workerOf, tokenOf, fromOf, list };
}


/**
 * Targets are set as a planner would: the state's total from the pace it wants, each seat and district by
 * its share of booths (rounded to hundreds), each PC to the thousand — so children need not add up exactly
 * to parents, and the dashboards show such differences instead of hiding them.
 */
async function seedTargets(
  tx: DbOrTx,
  campaignId: number,
  booths: BoothPlan[],
  members: number,
  startsOn: string,
  endsOn: string,
  today: string,
) {
  const elapsed = (daysBetween(startsOn, today) + 0.5) / (daysBetween(startsOn, endsOn) + 1);
  const stateTarget = Math.max(1_000, Math.round(((members / elapsed) * 1.12) / 1_000) * 1_000);
  const share = (n: number) => Math.max(100, Math.round(((stateTarget * n) / booths.length) / 100) * 100);
  const byAc = new Map<number, number>();
  const byDistrict = new Map<number, number>();
  const pcOfAc = new Map<number, number>();
  for (const b of booths) {
    byAc.set(b.acId, (byAc.get(b.acId) ?? 0) + 1);
    byDistrict.set(b.districtId, (byDistrict.get(b.districtId) ?? 0) + 1);
    pcOfAc.set(b.acId, b.pcId);
  }
  const acTargets = new Map([...byAc].map(([acId, n]) => [acId, share(n)]));
  const byPc = new Map<number, number>();
  for (const [acId, t] of acTargets) byPc.set(pcOfAc.get(acId)!, (byPc.get(pcOfAc.get(acId)!) ?? 0) + t);
  const rows: (typeof s.targets.$inferInsert)[] = [
    { stateId: STATE_ID, campaignId, level: "state", members: stateTarget },
    ...[...byPc].map(([pcId, t]) => ({ stateId: STATE_ID, campaignId, level: "pc", pcId, members: Math.round(t / 1_000) * 1_000 })),
    ...[...acTargets].map(([acId, t]) => ({ stateId: STATE_ID, campaignId, level: "ac", acId, members: t })),
    ...[...byDistrict].map(([districtId, n]) => ({ stateId: STATE_ID, campaignId, level: "district", districtId, members: share(n) })),
  ];
  await tx.insert(s.targets).values(rows);
}

export const DEMO_USERS = [
  { email: "pcc@demo.local", name: "State leadership (PCC)", role: "leadership", scope: "state" },
  { email: "raipur@demo.local", name: "District president, Raipur", role: "district_president", scope: "raipur" },
  { email: "itcell@demo.local", name: "IT-cell head", role: "it_head", scope: "state" },
  { email: "admin@demo.local", name: "Administrator", role: "admin", scope: "state" },
] as const;

/** The demo enrolment token (DESIGN.md §5): Raipur's chief enroller, hashed like every token. Demo only. */
export const DEMO_TOKEN = "demo-token-raipur";

async function seedDemoToken(tx: DbOrTx, raipurId: number) {
  await tx.execute(sql`
    INSERT INTO api_tokens (state_id, appointment_id, worker_id, token_hash, token_prefix, label)
    SELECT state_id, id, worker_id, ${hashToken(DEMO_TOKEN)}, ${tokenPrefixOf(DEMO_TOKEN)}, 'Demo token'
    FROM appointments
    WHERE role = 'chief_enroller' AND district_id = ${raipurId} AND ended_at IS NULL`);
}

async function seedDemoUsers(tx: DbOrTx, districtIds: Map<string, number>) {
  const hash = await bcrypt.hash(DEMO_PASSWORD, 10);
  await tx.insert(s.users).values(
    DEMO_USERS.map((u) => ({
      email: u.email,
      name: u.name,
      passwordHash: hash,
      role: u.role,
      stateId: STATE_ID,
      scopeLevel: u.scope === "state" ? "state" : "district",
      districtId: u.scope === "state" ? null : districtIds.get(u.scope)!,
    })),
  );
}
