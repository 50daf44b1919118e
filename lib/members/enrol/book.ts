import "server-only";
import { and, asc, eq, or, sql } from "drizzle-orm";
import type { Db, DbOrTx } from "@/db/client";
import { assemblySeats, booths } from "@/db/schema";
import { can } from "@/lib/auth/permissions";
import type { BoothLabel } from "@/lib/geo/levels";
import { boothInScope, boothScope } from "@/lib/auth/scope";
import type { Viewer } from "@/lib/auth/viewer";
import { writeAudit } from "@/lib/audit/write";
import { enrolMember } from "@/lib/members/enrol/enrol";
import { likeEscape } from "@/lib/members/query";
import type { BookMemberInput } from "@/lib/members/enrol/validation";

/** A field error as a catalog key (and its placeholders): the form shows it in the reader's language. */
export interface FieldMessage {
  key: "members.invalid.boothUnknown" | "members.book.boothOutside" | "members.book.duplicate";
  vars?: Record<string, string>;
}

export type BookOutcome =
  | { kind: "created"; membershipNo: string }
  | { kind: "invalid"; field: "boothCode" | "epic"; message: FieldMessage }
  /** The same EPIC was being saved by another request at this moment. */
  | { kind: "busy" }
  | { kind: "forbidden" };

/**
 * One entry of a paper membership book, typed in at the office: the same validation and the same
 * enrolment as the API (member, counters and this audit event in one transaction), channel `book`, with the
 * book and page number. The booth must be inside the viewer's scope.
 */
export async function enterBookMember(db: Db, viewer: Viewer, input: BookMemberInput): Promise<BookOutcome> {
  if (!can(viewer, "members.create")) return { kind: "forbidden" };
  const { bookNo, pageNo, consent: _consent, ...member } = input;
  const outcome = await enrolMember(db, member, {
    stateId: viewer.scope.stateId,
    channel: "book",
    book: { bookNo, pageNo },
    boothAllowed: (b) => boothInScope(b, viewer.scope),
    onCreated: (tx, created) =>
      writeAudit(tx, viewer, {
        action: "members.create",
        entityType: "member",
        entityId: created.memberId,
        after: { membershipNo: created.membershipNo, channel: "book", bookNo, pageNo, boothCode: member.boothCode },
      }),
  });
  switch (outcome.kind) {
    case "created":
      return { kind: "created", membershipNo: outcome.membershipNo };
    case "duplicate":
      return { kind: "invalid", field: "epic", message: { key: "members.book.duplicate", vars: { no: outcome.existingMasked } } };
    case "booth_unknown":
      return { kind: "invalid", field: "boothCode", message: { key: "members.invalid.boothUnknown" } };
    case "booth_forbidden":
      return { kind: "invalid", field: "boothCode", message: { key: "members.book.boothOutside" } };
    case "in_flight":
    case "replay":
    case "key_reused":
      return { kind: "busy" };
  }
}

export type BoothSuggestion = BoothLabel;

/**
 * Booths in the viewer's scope matching what was typed: a code or its start (`49` and `049-1` both find
 * `049-1xx`), or part of the booth's or its seat's name.
 */
export async function suggestBooths(db: DbOrTx, viewer: Viewer, raw: string, limit = 10): Promise<BoothSuggestion[]> {
  if (!can(viewer, "members.create")) return [];
  const q = raw.normalize("NFC").trim().replace(/\s+/g, " ").slice(0, 60);
  if (!q) return [];
  const code = /^([0-9]{1,3})(?:-([0-9]{0,4}))?$/.exec(q);
  let match;
  if (code) {
    const ac = code[1]!;
    match =
      code[2] !== undefined
        ? sql`${booths.code} LIKE ${`${ac.padStart(3, "0")}-${code[2]}%`}`
        : or(sql`${booths.code} LIKE ${`${ac}%`}`, sql`${booths.code} LIKE ${`${ac.padStart(3, "0")}-%`}`);
  } else {
    const pattern = `%${likeEscape(q)}%`;
    match = or(
      sql`${booths.name} ILIKE ${pattern}`,
      sql`${booths.nameHi} ILIKE ${pattern}`,
      sql`${assemblySeats.name} ILIKE ${pattern}`,
      sql`${assemblySeats.nameHi} ILIKE ${pattern}`,
    );
  }
  return db
    .select({
      code: booths.code,
      name: booths.name,
      nameHi: booths.nameHi,
      acNo: assemblySeats.no,
      acName: assemblySeats.name,
      acNameHi: assemblySeats.nameHi,
    })
    .from(booths)
    .innerJoin(assemblySeats, eq(assemblySeats.id, booths.acId))
    .where(and(boothScope(viewer), match))
    .orderBy(asc(booths.code))
    .limit(Math.min(Math.max(limit, 1), 20));
}
