/**
 * The demo seed's doubtful patterns (issue 11, items 8 and 9), planted on top of the ordinary members and
 * labelled in `quality_labels` (member, reason, expected 'fake' | 'genuine', pattern), so that a fresh demo
 * shows every reason on /quality and `npm run quality:eval` can measure the signals against the labels.
 *
 * Per reason (the thresholds are lib/members/quality/settings.ts's defaults):
 * - shared_phone — genuine: 200 households of 2–4 adults on one phone (one surname and address, parents and
 *   grown children with their own first names and realistic ages), below the limit of 5; fake: ONE phone on
 *   40 members spread over one district's booths (a bought list, imported).
 * - burst — two enrollers each get a second enrolment-app token; fake: one signs up 40 members within 15
 *   minutes (yesterday 11:00); genuine: the other signs up 40 over a working day, one about every 10 minutes.
 * - near_duplicate — fake: 30 people signed twice in one assembly seat, once in Devanagari and once in Latin
 *   letters (the name pairs of people-data.ts), the same relative's name, ages within 2; BOTH records are
 *   labelled fake ("signed twice"), since the signal flags both and a reviewer voids one of them. Genuine: 30
 *   pairs with a common name but another relative's name in one seat, 15 pairs of twins (same relative's name
 *   and age, their own first names), 15 pairs with the same name and relative's name in two different seats.
 * - photo_reuse — fake: 10 photos each on 2–3 members, the copies re-encoded at another JPEG quality;
 *   genuine: 60 members with their own synthetic portraits. (Ordinary seeded members have no photo.)
 * - epic_pattern — fake: 20 EPICs that pass the format check but have a placeholder serial (RPR1234567,
 *   CGX0000000…) or letter code (ABC4821937, XXX…); genuine: 200 ordinary seeded members, labelled only.
 * - disowned — one member with an open `disowned` flag, as if the person had used the verification page.
 *
 * Every planted member other than a household or the bought list has a phone of its own, and every planted
 * phone and EPIC is checked against the ordinary members first, so no ordinary member joins a planted
 * group by chance. Deterministic: the same seed gives the same rows (the caller hands in its own stream).
 * Planted members go in with the ordinary members' set-based insert (the trigger counts them and queues them
 * for the quality job), with ids continuing the ordinary ones.
 */
import { sql } from "drizzle-orm";
import { addDays, daysBetween, istDayStart } from "@/lib/dates";
import { hashToken, tokenPrefixOf } from "@/lib/auth/token-hash";
import { writeAudit } from "@/lib/audit/write";
import { bulkInsert } from "@/db/bulk";
import { queryRows, type Db, type DbOrTx } from "@/db/client";
import type { CasteCategory, Channel, FlagReason } from "@/db/schema";
import {
  epicFor,
  EPIC_PREFIXES,
  insertMemberColumns,
  mobile,
  newMemberColumns,
  timeOnDay,
  type BoothPlan,
} from "@/lib/seed/member-rows";
import { CASTES_BY_CATEGORY, FIRST_NAMES_F, FIRST_NAMES_M, RELIGIONS, SURNAMES } from "@/lib/seed/people-data";
import type { Rng } from "@/lib/seed/random";

/**
 * What the planting needs from the members feature, which shared lib/ may not import: the caller passes
 * lib/members/quality/seed-quality.ts's `seedQuality`.
 */
export interface SeedQuality {
  /** A deterministic stand-in photo (JPEG) per seed: photo-hash.ts syntheticPortrait. */
  portrait(seed: number): Promise<Uint8Array>;
  /** The same JPEG re-saved at another quality: photo-hash.ts reencode. */
  reencode(jpeg: Uint8Array, quality: number): Promise<Uint8Array>;
  /** Every signal over every member: scan.ts scanAll. */
  scan(db: Db): Promise<{ members: number; seconds: number; flagged: Partial<Record<string, number>> }>;
}

/** A booth enroller who holds an enrolment-app token. */
export interface Enroller {
  appointmentId: number;
  workerId: number;
  boothId: number;
  appointedAt: Date;
}

export interface PlantContext {
  stateId: number;
  stateCode: string;
  seedValue: number;
  booths: BoothPlan[];
  enrollers: Enroller[];
  /** How many ordinary members there are: planted ids continue after them. */
  ordinaryMembers: number;
  startsOn: string;
  today: string;
  now: Date;
  quality: SeedQuality;
  /** A deterministic token string for a key (stored only as its hash). */
  tokenFor: (key: string) => string;
}

type Expected = "fake" | "genuine";
type Label = { memberId: number; reason: FlagReason; expected: Expected; pattern: string };
type Gender = "F" | "M";
type NamePair = readonly [latin: string, devanagari: string];

/** Where a planted member differs from an ordinary one; the rest is drawn like an ordinary member. */
interface Planted {
  booth: BoothPlan;
  name: string;
  relativeName: string;
  gender: Gender;
  age: number;
  devanagari: boolean;
  phone: string;
  at: Date;
  channel?: Channel;
  address?: string;
  epic?: string;
  photo?: Uint8Array;
  token?: { id: number; workerId: number };
}

const MINUTE = 60_000;
const HOUSEHOLDS = 200;
const BOUGHT_LIST = 40;
const BURST = 40;
const SIGNED_TWICE = 30;
const COMMON_NAMES = 30;
const TWINS = 15;
const OTHER_SEAT = 15;
const REUSED_PHOTOS = 10;
const OWN_PHOTOS = 60;
const PLACEHOLDER_EPICS = 20;
const ORDINARY_EPICS = 200;

/** Placeholder serials the ordinary EPICs never reach below 20 lakh members (epic-pattern.ts lists those). */
const PLACEHOLDER_SERIALS = ["0000000", "1234567", "1111111", "9999999", "7777777", "0123456", "3456789", "2345678", "4444444", "7654321"];
const PLACEHOLDER_LETTERS = ["ABC", "XYZ", "XXX", "AAA", "TST", "DUM", "NIL", "QWE", "TES", "ZZZ"];

const full = (first: NamePair, last: NamePair, devanagari: boolean) => (devanagari ? `${first[1]} ${last[1]}` : `${first[0]} ${last[0]}`);

export async function plantQualityPatterns(
  db: Db,
  rng: Rng,
  ctx: PlantContext,
): Promise<{ members: number; labels: number; summary: string }> {
  const { booths, now, today } = ctx;
  const year = ctx.startsOn.slice(2, 4);
  const rows = newMemberColumns();
  const labels: Label[] = [];
  let seq = ctx.ordinaryMembers;

  // The campaign began weeks ago (CAMPAIGN_DAYS_BEFORE): planted sign-ups fall on its past days, up to yesterday.
  const pastDays = Math.max(2, daysBetween(ctx.startsOn, today));
  const yesterday = addDays(today, -1);
  const pastDay = () => addDays(ctx.startsOn, rng.int(0, pastDays - 1));
  const pastTime = () => timeOnDay(rng, pastDay(), now);
  const nextPhone = await phoneBook(db, rng, ctx.stateId, 2_000);
  const enrollerAt = new Map(ctx.enrollers.map((e) => [e.boothId, e]));
  const byAc = groupBy(booths, (b) => b.acId);
  const acIds = [...byAc.keys()];
  const pickGender = (): Gender => (rng.chance(0.47) ? "F" : "M");
  const firstOf = (g: Gender): NamePair => (g === "F" ? rng.pick(FIRST_NAMES_F) : rng.pick(FIRST_NAMES_M));
  const houseNo = (devanagari: boolean) =>
    devanagari ? `मकान ${rng.int(1, 400)}, वार्ड ${rng.int(1, 40)}` : `House ${rng.int(1, 400)}, Ward ${rng.int(1, 40)}`;
  const adultAge = () => 18 + Math.floor(Math.pow(rng.next(), 1.4) * 62);

  const add = (p: Planted, reason: FlagReason, expected: Expected, pattern: string): number => {
    seq += 1;
    const category = rng.weighted<CasteCategory>([["OBC", 0.5], ["ST", 0.2], ["SC", 0.13], ["GEN", 0.17]]);
    const channel = p.channel ?? (rng.chance(0.7) ? "app" : "book");
    // The booth's enroller brought the sign-up in, through their token in the app, once they held the post.
    const enroller = enrollerAt.get(p.booth.id);
    const byEnroller = channel !== "import" && enroller && p.at.getTime() >= enroller.appointedAt.getTime();
    rows.id.push(seq);
    rows.membershipNo.push(`${ctx.stateCode}${year}-${String(seq).padStart(7, "0")}`);
    rows.epic.push(p.epic ?? epicFor(seq, rng.pick(EPIC_PREFIXES)));
    rows.name.push(p.name);
    rows.relativeName.push(p.relativeName);
    rows.gender.push(p.gender);
    rows.age.push(p.age);
    rows.phone.push(p.phone);
    rows.address.push(p.address ?? houseNo(p.devanagari));
    rows.religion.push(rng.weighted(RELIGIONS));
    rows.caste.push(rng.pick(CASTES_BY_CATEGORY[category]));
    rows.casteCategory.push(category);
    rows.photo.push(p.photo ?? null);
    rows.boothId.push(p.booth.id);
    rows.acId.push(p.booth.acId);
    rows.districtId.push(p.booth.districtId);
    rows.enrolledByWorkerId.push(p.token ? p.token.workerId : byEnroller ? enroller.workerId : null);
    rows.apiTokenId.push(p.token ? p.token.id : null);
    rows.channel.push(channel);
    rows.bookNo.push(channel === "book" ? `B${String(p.booth.acNo).padStart(3, "0")}-${rng.int(1, 400)}` : null);
    rows.pageNo.push(channel === "book" ? rng.int(1, 50) : null);
    rows.consentLang.push(p.devanagari ? "hi" : "en");
    rows.createdAt.push(p.at.toISOString());
    rows.enrolledOn.push(istDay(p.at));
    labels.push({ memberId: seq, reason, expected, pattern });
    return seq;
  };
  /** A random adult with a name of their own, for patterns that only care about one attribute. */
  const someone = (booth: BoothPlan = rng.pick(booths)) => {
    const gender = pickGender();
    const devanagari = rng.chance(0.6);
    return { booth, gender, devanagari, name: full(firstOf(gender), rng.pick(SURNAMES), devanagari), relativeName: full(rng.pick(FIRST_NAMES_M), rng.pick(SURNAMES), devanagari), age: adultAge() };
  };

  // shared_phone, genuine: households of 2–4 adults on one phone.
  for (let h = 0; h < HOUSEHOLDS; h++) {
    const size = rng.weighted([[2, 0.45], [3, 0.35], [4, 0.2]] as const);
    const booth = rng.pick(booths);
    const surname = rng.pick(SURNAMES);
    const devanagari = rng.chance(0.6);
    const used = new Set<string>();
    const distinctFirst = (g: Gender) => {
      for (;;) {
        const f = firstOf(g);
        if (!used.has(f[0])) {
          used.add(f[0]);
          return f;
        }
      }
    };
    const grandfather = distinctFirst("M");
    const father = distinctFirst("M");
    const mother = distinctFirst("F");
    const fatherAge = size === 2 ? rng.int(24, 75) : rng.int(44, 72);
    const motherAge = Math.max(size === 2 ? 20 : 40, fatherAge - rng.int(0, 6));
    const address = houseNo(devanagari);
    const phone = nextPhone();
    const channel: Channel = rng.chance(0.6) ? "app" : "book";
    let at = pastTime().getTime();
    const pattern = `household of ${size} on one phone`;
    const fatherName = full(father, surname, devanagari);
    const common = { booth, devanagari, phone, address, channel };
    add({ ...common, name: fatherName, relativeName: full(grandfather, surname, devanagari), gender: "M", age: fatherAge, at: new Date(at) }, "shared_phone", "genuine", pattern);
    at += rng.int(2, 6) * MINUTE;
    add({ ...common, name: full(mother, surname, devanagari), relativeName: fatherName, gender: "F", age: motherAge, at: new Date(at) }, "shared_phone", "genuine", pattern);
    for (let c = 2; c < size; c++) {
      const gender = pickGender();
      at += rng.int(2, 6) * MINUTE;
      const age = rng.int(18, Math.max(18, Math.min(45, motherAge - 20)));
      add({ ...common, name: full(distinctFirst(gender), surname, devanagari), relativeName: fatherName, gender, age, at: new Date(at) }, "shared_phone", "genuine", pattern);
    }
  }

  // shared_phone, fake: one phone on 40 members across one district's booths (a bought list, imported).
  const byDistrict = groupBy(booths, (b) => b.districtId);
  const bigDistricts = [...byDistrict.values()].filter((list) => list.length >= BOUGHT_LIST * 2);
  const listBooths = shuffled(rng, rng.pick(bigDistricts)).slice(0, BOUGHT_LIST);
  const boughtPhone = nextPhone();
  const listDay = pastDay();
  for (const booth of listBooths) {
    const p = someone(booth);
    add({ ...p, phone: boughtPhone, channel: "import", at: timeOnDay(rng, listDay, now) }, "shared_phone", "fake", "one phone on 40 members across a district (a bought list)");
  }

  // burst: a second enrolment-app token for two enrollers who held their post before yesterday.
  const dayStart = istDayStart(yesterday).getTime();
  const ready = ctx.enrollers.filter((e) => e.appointedAt.getTime() < dayStart - 86_400_000);
  const [fast, steady] = shuffled(rng, ready).slice(0, 2);
  let tokens = 0;
  if (fast && steady) {
    const [fastToken, steadyToken] = await createTokens(db, ctx, [fast, steady], new Date(dayStart - 86_400_000 + 9 * 3_600_000));
    tokens = 2;
    for (let i = 0; i < BURST; i++) {
      const at = new Date(dayStart + 11 * 3_600_000 + Math.round((i * 15 * MINUTE) / BURST) + rng.int(0, 15_000));
      add({ ...someone(booths[fast.boothId - 1]!), phone: nextPhone(), channel: "app", at, token: fastToken! }, "burst", "fake", "40 sign-ups within 15 minutes on one token");
    }
    for (let i = 0; i < BURST; i++) {
      const at = new Date(dayStart + 9.5 * 3_600_000 + i * 10 * MINUTE + rng.int(-2 * MINUTE, 2 * MINUTE));
      add({ ...someone(booths[steady.boothId - 1]!), phone: nextPhone(), channel: "app", at, token: steadyToken! }, "burst", "genuine", "40 sign-ups over a working day on one token");
    }
  }

  // near_duplicate.
  const anotherBooth = (booth: BoothPlan) => rng.pick(byAc.get(booth.acId)!);
  const otherSeatBooth = (booth: BoothPlan) => {
    for (;;) {
      const ac = rng.pick(acIds);
      if (ac !== booth.acId) return rng.pick(byAc.get(ac)!);
    }
  };
  const within2 = (age: number) => Math.min(95, Math.max(18, age + rng.int(-2, 2)));
  for (let i = 0; i < SIGNED_TWICE; i++) {
    const booth = rng.pick(booths);
    const gender = pickGender();
    const first = firstOf(gender);
    const surname = rng.pick(SURNAMES);
    const relative = rng.pick(FIRST_NAMES_M);
    const age = rng.int(20, 70);
    const devanagariFirst = rng.chance(0.5);
    for (const [k, devanagari] of [devanagariFirst, !devanagariFirst].entries()) {
      add(
        {
          booth: k === 0 ? booth : anotherBooth(booth),
          gender,
          devanagari,
          name: full(first, surname, devanagari),
          relativeName: full(relative, surname, devanagari),
          age: k === 0 ? age : within2(age),
          phone: nextPhone(),
          at: pastTime(),
        },
        "near_duplicate",
        "fake",
        "signed twice, in Devanagari and in Latin letters",
      );
    }
  }
  for (let i = 0; i < COMMON_NAMES; i++) {
    const booth = rng.pick(booths);
    const gender = pickGender();
    const first = firstOf(gender);
    const surname = rng.pick(SURNAMES);
    const relatives = shuffled<NamePair>(rng, FIRST_NAMES_M).slice(0, 2);
    const age = rng.int(20, 70);
    relatives.forEach((relative, k) => {
      const devanagari = rng.chance(0.6);
      const b = k === 0 ? booth : anotherBooth(booth);
      add(
        { booth: b, gender, devanagari, name: full(first, surname, devanagari), relativeName: full(relative, surname, devanagari), age: k === 0 ? age : within2(age), phone: nextPhone(), at: pastTime() },
        "near_duplicate",
        "genuine",
        "a common name, another relative's name",
      );
    });
  }
  for (let i = 0; i < TWINS; i++) {
    const booth = rng.pick(booths);
    const surname = rng.pick(SURNAMES);
    const relative = rng.pick(FIRST_NAMES_M);
    const devanagari = rng.chance(0.6);
    const age = rng.int(18, 50);
    const address = houseNo(devanagari);
    const genders: Gender[] = [pickGender(), pickGender()];
    const [a, b] = genders[0] === genders[1] ? shuffled<NamePair>(rng, genders[0] === "F" ? FIRST_NAMES_F : FIRST_NAMES_M).slice(0, 2) : [firstOf(genders[0]!), firstOf(genders[1]!)];
    const at = pastTime();
    [a!, b!].forEach((first, k) =>
      add(
        { booth, gender: genders[k]!, devanagari, name: full(first, surname, devanagari), relativeName: full(relative, surname, devanagari), age, address, phone: nextPhone(), at: new Date(at.getTime() + k * 4 * MINUTE) },
        "near_duplicate",
        "genuine",
        "twins",
      ),
    );
  }
  for (let i = 0; i < OTHER_SEAT; i++) {
    const booth = rng.pick(booths);
    const gender = pickGender();
    const first = firstOf(gender);
    const surname = rng.pick(SURNAMES);
    const relative = rng.pick(FIRST_NAMES_M);
    const age = rng.int(20, 70);
    [booth, otherSeatBooth(booth)].forEach((b, k) => {
      const devanagari = rng.chance(0.6);
      add(
        { booth: b, gender, devanagari, name: full(first, surname, devanagari), relativeName: full(relative, surname, devanagari), age: k === 0 ? age : within2(age), phone: nextPhone(), at: pastTime() },
        "near_duplicate",
        "genuine",
        "the same name in another assembly seat",
      );
    });
  }

  // photo_reuse: synthetic portraits; the copies re-encoded at another quality.
  const photoSeed = ctx.seedValue * 1_000;
  for (let g = 0; g < REUSED_PHOTOS; g++) {
    const original = await ctx.quality.portrait(photoSeed + g);
    const copies = rng.int(2, 3);
    for (let k = 0; k < copies; k++) {
      const photo = k === 0 ? original : await ctx.quality.reencode(original, rng.pick([60, 70, 80]));
      add({ ...someone(), phone: nextPhone(), channel: "app", photo, at: pastTime() }, "photo_reuse", "fake", `one photo on ${copies} members, re-encoded`);
    }
  }
  for (let k = 0; k < OWN_PHOTOS; k++) {
    const photo = await ctx.quality.portrait(photoSeed + 100 + k);
    add({ ...someone(), phone: nextPhone(), channel: "app", photo, at: pastTime() }, "photo_reuse", "genuine", "a photo of their own");
  }

  // epic_pattern: placeholder serials and letter codes that pass the format check.
  const candidates = [
    ...PLACEHOLDER_SERIALS.map((serial) => `${rng.pick(EPIC_PREFIXES)}${serial}`),
    ...PLACEHOLDER_LETTERS.map((letters) => `${letters}${String(rng.int(1_000_000, 9_999_999))}`),
  ];
  const taken = new Set(
    (await queryRows<{ epic: string }>(db, sql`SELECT epic FROM members WHERE state_id = ${ctx.stateId} AND epic = ANY(${sql.param(candidates)}::text[])`)).map((r) => r.epic),
  );
  for (const epic of candidates.filter((e) => !taken.has(e)).slice(0, PLACEHOLDER_EPICS)) {
    add({ ...someone(), phone: nextPhone(), epic, at: pastTime() }, "epic_pattern", "fake", "a placeholder EPIC");
  }
  const ordinary = sample(rng, ctx.ordinaryMembers, ORDINARY_EPICS);

  // disowned: the person said, on the verification page, that they did not join.
  const disownedAt = new Date(dayStart + 18 * 3_600_000 + rng.int(0, 60) * MINUTE);
  const joinedAt = timeOnDay(rng, addDays(ctx.startsOn, rng.int(0, pastDays - 2)), now);
  const disowned = add({ ...someone(), phone: nextPhone(), at: joinedAt }, "disowned", "fake", "said they did not join");

  await db.transaction(async (tx) => {
    await insertMemberColumns(tx, ctx.stateId, rows);
    await tx.execute(sql`SELECT setval(pg_get_serial_sequence('members', 'id'), ${seq})`);
    const all = [...labels, ...ordinary.map((id): Label => ({ memberId: id, reason: "epic_pattern", expected: "genuine", pattern: "an ordinary EPIC" }))];
    await bulkInsert(tx, "quality_labels", {
      member_id: ["bigint", all.map((l) => l.memberId)],
      reason: ["text", all.map((l) => l.reason)],
      expected: ["text", all.map((l) => l.expected)],
      pattern: ["text", all.map((l) => l.pattern)],
    });
    await openDisowned(tx, ctx.stateId, disowned, rows.membershipNo[disowned - ctx.ordinaryMembers - 1]!, disownedAt);
  });
  const count = (reason: FlagReason, expected: Expected) => labels.filter((l) => l.reason === reason && l.expected === expected).length;
  const summary = (["shared_phone", "burst", "near_duplicate", "photo_reuse", "epic_pattern", "disowned"] as const)
    .map((r) => `${r} ${count(r, "fake")} fake / ${count(r, "genuine") + (r === "epic_pattern" ? ordinary.length : 0)} genuine`)
    .join(", ");
  return { members: rows.id.length, labels: labels.length + ordinary.length, summary: `${summary}; ${tokens} burst tokens` };
}

/** The day (India) of an instant. */
function istDay(at: Date): string {
  return new Date(at.getTime() + 5.5 * 3_600_000).toISOString().slice(0, 10);
}

function groupBy<T, K>(items: T[], key: (item: T) => K): Map<K, T[]> {
  const out = new Map<K, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = out.get(k);
    if (list) list.push(item);
    else out.set(k, [item]);
  }
  return out;
}

function shuffled<T>(rng: Rng, items: readonly T[]): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = rng.int(0, i);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

/** `n` distinct ids from 1..`max` (all of them when there are fewer), in ascending order. */
function sample(rng: Rng, max: number, n: number): number[] {
  if (max <= n) return Array.from({ length: max }, (_, i) => i + 1);
  const picked = new Set<number>();
  while (picked.size < n) picked.add(rng.int(1, max));
  return [...picked].sort((a, b) => a - b);
}

/** A supply of phones no member has yet (checked against the database once), each handed out once. */
async function phoneBook(db: DbOrTx, rng: Rng, stateId: number, size: number): Promise<() => string> {
  const candidates = [...new Set(Array.from({ length: size }, () => mobile(rng)))];
  const taken = new Set(
    (await queryRows<{ phone: string }>(db, sql`SELECT DISTINCT phone FROM members WHERE state_id = ${stateId} AND phone = ANY(${sql.param(candidates)}::text[])`)).map(
      (r) => r.phone,
    ),
  );
  const free = candidates.filter((p) => !taken.has(p));
  let i = 0;
  return () => {
    const phone = free[i++];
    if (!phone) throw new Error("the seed's phone book ran out");
    return phone;
  };
}

/** A second enrolment-app token for each enroller (their second phone), hashed like every token. */
async function createTokens(db: Db, ctx: PlantContext, enrollers: Enroller[], at: Date): Promise<{ id: number; workerId: number }[]> {
  const out: { id: number; workerId: number }[] = [];
  for (const e of enrollers) {
    const token = ctx.tokenFor(`second-phone:${e.appointmentId}`);
    const [row] = await queryRows<{ id: number }>(
      db,
      sql`INSERT INTO api_tokens (state_id, appointment_id, worker_id, token_hash, token_prefix, label, created_at)
          VALUES (${ctx.stateId}, ${e.appointmentId}, ${e.workerId}, ${hashToken(token)}, ${tokenPrefixOf(token)}, 'Enrolment app (second phone)', ${at.toISOString()}::timestamptz)
          RETURNING id`,
    );
    out.push({ id: Number(row!.id), workerId: e.workerId });
  }
  return out;
}

/** The member's `disowned` flag and its audit event, as the verification page's disown leaves them. */
async function openDisowned(tx: DbOrTx, stateId: number, memberId: number, membershipNo: string, at: Date): Promise<void> {
  const detail = { at: at.toISOString() };
  const [flag] = await queryRows<{ id: number }>(
    tx,
    sql`INSERT INTO member_flags (state_id, member_id, reason, status, detail, created_at, updated_at)
        VALUES (${stateId}, ${memberId}, 'disowned', 'open', ${JSON.stringify(detail)}::jsonb, ${detail.at}::timestamptz, ${detail.at}::timestamptz)
        RETURNING id`,
  );
  await writeAudit(
    tx,
    { label: "public:verify", stateId },
    {
      action: "members.disown",
      entityType: "member",
      entityId: memberId,
      before: null,
      after: { membershipNo, flagId: Number(flag!.id), reason: "disowned", status: "open", detail },
    },
  );
}
