/**
 * The pieces of a seeded member shared by the ordinary members (lib/seed/index.ts) and the planted quality
 * patterns (lib/seed/quality-patterns.ts): names, phones, EPICs, times, and the column-wise rows that go in
 * with one set-based insert per chunk (the members trigger counts them and queues them for the quality job).
 */
import { istDayStart } from "@/lib/dates";
import { bulkInsert } from "@/db/bulk";
import type { DbOrTx } from "@/db/client";
import { FIRST_NAMES_F, FIRST_NAMES_M, SURNAMES } from "@/lib/seed/people-data";
import type { Rng } from "@/lib/seed/random";

export interface BoothPlan {
  id: number;
  acNo: number;
  acId: number;
  pcId: number;
  districtId: number;
  districtSlug: string;
  blockId: number | null;
  partNo: number;
}

export function personName(rng: Rng, gender: "F" | "M" | "O", devanagari: boolean): string {
  const [first, firstHi] = gender === "F" ? rng.pick(FIRST_NAMES_F) : rng.pick(FIRST_NAMES_M);
  const [last, lastHi] = rng.pick(SURNAMES);
  return devanagari ? `${firstHi} ${lastHi}` : `${first} ${last}`;
}

export function mobile(rng: Rng): string {
  return `${rng.int(6, 9)}${String(rng.int(0, 999_999_999)).padStart(9, "0")}`;
}

/** A time on `day` (India) between 08:00 and 20:00, never after `now`. */
export function timeOnDay(rng: Rng, day: string, now: Date): Date {
  const start = istDayStart(day).getTime();
  const from = start + 8 * 3_600_000;
  const to = Math.min(start + 20 * 3_600_000, now.getTime());
  return new Date(to <= from ? start + rng.next() * Math.max(0, now.getTime() - start) : from + rng.next() * (to - from));
}

/** A unique, EPIC-shaped number: three letters and seven digits (index → digits is a bijection mod 10^7). */
export function epicFor(index: number, letters: string): string {
  const digits = (index * 7_919 + 1_234_567) % 10_000_000;
  return `${letters}${String(digits).padStart(7, "0")}`;
}

export const EPIC_PREFIXES = ["CGX", "RPR", "BSP", "DRG", "JGR", "KRB", "RGH", "BST", "KNK", "MSM", "RJN"] as const;

export function newMemberColumns() {
  return {
    id: [] as number[],
    membershipNo: [] as string[],
    epic: [] as string[],
    name: [] as string[],
    relativeName: [] as string[],
    gender: [] as string[],
    age: [] as number[],
    phone: [] as string[],
    address: [] as string[],
    religion: [] as string[],
    caste: [] as string[],
    casteCategory: [] as string[],
    photo: [] as (Uint8Array | null)[],
    boothId: [] as number[],
    acId: [] as number[],
    districtId: [] as number[],
    enrolledByWorkerId: [] as (number | null)[],
    apiTokenId: [] as (number | null)[],
    channel: [] as string[],
    bookNo: [] as (string | null)[],
    pageNo: [] as (number | null)[],
    consentLang: [] as string[],
    createdAt: [] as string[],
    enrolledOn: [] as string[],
  };
}

export type MemberColumns = ReturnType<typeof newMemberColumns>;

/** One set-based insert per `chunk` rows; the members trigger keeps every counter and fills the quality queue. */
export function insertMemberColumns(db: DbOrTx, stateId: number, batch: MemberColumns, chunk = 10_000): Promise<void> {
  return bulkInsert(
    db,
    "members",
    {
      id: ["bigint", batch.id],
      state_id: ["smallint", batch.id.map(() => stateId)],
      membership_no: ["text", batch.membershipNo],
      epic: ["text", batch.epic],
      name: ["text", batch.name],
      relative_name: ["text", batch.relativeName],
      gender: ["text", batch.gender],
      age: ["smallint", batch.age],
      phone: ["text", batch.phone],
      address: ["text", batch.address],
      religion: ["text", batch.religion],
      caste: ["text", batch.caste],
      caste_category: ["text", batch.casteCategory],
      photo: ["bytea", batch.photo],
      booth_id: ["int", batch.boothId],
      ac_id: ["int", batch.acId],
      district_id: ["int", batch.districtId],
      enrolled_by_worker_id: ["int", batch.enrolledByWorkerId],
      api_token_id: ["int", batch.apiTokenId],
      channel: ["text", batch.channel],
      book_no: ["text", batch.bookNo],
      page_no: ["smallint", batch.pageNo],
      consent_version: ["text", batch.id.map(() => "v1")],
      consent_lang: ["text", batch.consentLang],
      consent_at: ["timestamptz", batch.createdAt],
      created_at: ["timestamptz", batch.createdAt],
      enrolled_on: ["date", batch.enrolledOn],
    },
    { chunk },
  );
}
