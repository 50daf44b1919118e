import { eq } from "drizzle-orm";
import type { PgSelect } from "drizzle-orm/pg-core";
import { assemblySeats, booths, districts, members } from "@/db/schema";

/**
 * Where a member signed up, as member rows show it: the booth and its assembly seat (every list, page, export
 * and card), and the district (all but the card). `joinMemberPlace` makes the joins.
 */
export interface MemberBoothAc {
  boothCode: string;
  boothName: string;
  boothNameHi: string | null;
  acNo: number;
  acName: string;
  acNameHi: string | null;
}

export interface MemberPlace extends MemberBoothAc {
  districtName: string;
  districtNameHi: string | null;
}

export const memberBoothAcColumns = {
  boothCode: booths.code,
  boothName: booths.name,
  boothNameHi: booths.nameHi,
  acNo: assemblySeats.no,
  acName: assemblySeats.name,
  acNameHi: assemblySeats.nameHi,
};

export const memberPlaceColumns = {
  ...memberBoothAcColumns,
  districtName: districts.name,
  districtNameHi: districts.nameHi,
};

/**
 * A select from members (made `$dynamic()`, Drizzle's way to build a query in steps) joined to the member's
 * booth, assembly seat and district. Every member has all three (one NOT NULL foreign key to the booth carries
 * its AC and district), so the inner joins drop no member; the caller adds its WHERE (scope, erased, query).
 */
export function joinMemberPlace<T extends PgSelect>(qb: T) {
  return qb
    .innerJoin(booths, eq(booths.id, members.boothId))
    .innerJoin(assemblySeats, eq(assemblySeats.id, members.acId))
    .innerJoin(districts, eq(districts.id, members.districtId));
}
