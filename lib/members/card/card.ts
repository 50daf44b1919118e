import "server-only";
import { and, eq, type SQL } from "drizzle-orm";
import type { Db, DbOrTx } from "@/db/client";
import { assemblySeats, booths, members, states } from "@/db/schema";
import { can } from "@/lib/auth/permissions";
import type { Viewer } from "@/lib/auth/viewer";
import { isLocale, type Locale } from "@/lib/i18n";
import { writeAudit } from "@/lib/audit/write";
import { publicUrl } from "@/lib/net/public-url";
import { verifyCardSignature, verifyUrl } from "@/lib/members/card/url";
import { renderCardPdf, renderCardPng, type CardData } from "@/lib/members/card/render";
import { memberBoothAcColumns } from "@/lib/members/place";
import { MEMBERSHIP_NO_PATTERN } from "@/lib/members/query";
import { memberScope } from "@/lib/members/search";

export interface CardAccess {
  /** The `sig` query parameter of a card link (see url.ts). */
  sig?: string | null;
  viewer?: Viewer | null;
}

/** How a request got to see the card: a signed link (the enrolment app's), or a signed-in viewer in scope. */
export type CardAccessKind = "link" | "viewer";

type CardRow = CardData & { memberId: number };

/** A member voided after review (issue 11): the card is "not valid", not "not found". */
export const NOT_VALID = "not-valid" as const;

async function readCard(db: DbOrTx, membershipNo: string, scope: SQL | undefined): Promise<CardRow | typeof NOT_VALID | null> {
  const [m] = await db
    .select({
      memberId: members.id,
      standing: members.standing,
      erasedAt: members.erasedAt,
      membershipNo: members.membershipNo,
      name: members.name,
      photo: members.photo,
      enrolledOn: members.enrolledOn,
      ...memberBoothAcColumns,
      stateName: states.name,
      stateNameHi: states.nameHi,
    })
    .from(members)
    .innerJoin(booths, eq(booths.id, members.boothId))
    .innerJoin(assemblySeats, eq(assemblySeats.id, members.acId))
    .innerJoin(states, eq(states.id, members.stateId))
    .where(and(eq(members.membershipNo, membershipNo), scope))
    .limit(1);
  if (m?.standing === "void") return NOT_VALID;
  if (!m || m.erasedAt || !m.name) return null;
  const { standing: _standing, erasedAt: _erasedAt, ...card } = m;
  return { ...card, name: m.name, photo: m.photo ? new Uint8Array(m.photo) : null };
}

/**
 * The card's data, if this request may see it: a signed-in viewer allowed to see members whose scope holds
 * the member's booth (a dashboard download, which the caller audits), or else a valid signed link (the
 * enrolment app hands one to the new member). Unknown, erased, out-of-scope and unsigned all answer null, so
 * the route says "not found" to each alike. A member voided after review answers NOT_VALID, but only to those
 * who could have seen its card (the viewer in scope, or the signed link).
 */
export async function loadCard(
  db: DbOrTx,
  membershipNo: string,
  access: CardAccess,
): Promise<(CardRow & { via: CardAccessKind }) | typeof NOT_VALID | null> {
  if (!MEMBERSHIP_NO_PATTERN.test(membershipNo)) return null;
  if (access.viewer && can(access.viewer, "members.view")) {
    const row = await readCard(db, membershipNo, memberScope(access.viewer));
    if (row === NOT_VALID) return row;
    if (row) return { ...row, via: "viewer" };
  }
  if (verifyCardSignature(membershipNo, access.sig)) {
    const row = await readCard(db, membershipNo, undefined);
    if (row === NOT_VALID) return row;
    if (row) return { ...row, via: "link" };
  }
  return null;
}

/** The card as a file: a PDF (ID-card size) or a PNG for phones, shown inline. */
export interface CardFile {
  body: Uint8Array<ArrayBuffer>;
  contentType: "application/pdf" | "image/png";
  fileName: string;
}

/**
 * The card route's data: the PDF or PNG, NOT_VALID for a voided member (no card; the route says "not valid"),
 * or null (the route answers a plain 404 that says nothing about why).
 * A download by a signed-in viewer (name and photo leave the dashboard) writes an audit event in the same
 * transaction that reads the card, before any byte is sent; the member's own signed link is not audited (the
 * API's 201 that handed it out is the record).
 */
export async function cardFile(
  db: Db,
  opts: { membershipNo: string; request: Request; viewer: Viewer | null; format: "pdf" | "png"; locale?: string | null },
): Promise<CardFile | typeof NOT_VALID | null> {
  const url = new URL(opts.request.url);
  const sig = url.searchParams.get("sig");
  const data = await db.transaction(async (tx) => {
    const card = await loadCard(tx, opts.membershipNo, { sig, viewer: opts.viewer });
    if (card !== NOT_VALID && card?.via === "viewer" && opts.viewer) {
      await writeAudit(tx, opts.viewer, {
        action: "members.card.download",
        entityType: "member",
        entityId: card.memberId,
        after: { membershipNo: card.membershipNo, format: opts.format },
      });
    }
    return card;
  });
  if (!data || data === NOT_VALID) return data;
  const langParam = url.searchParams.get("lang");
  const lang: Locale = isLocale(langParam) ? langParam : isLocale(opts.locale) ? opts.locale : "hi";
  const cardOpts = { verifyUrl: verifyUrl(data.membershipNo, publicUrl()), lang };
  if (opts.format === "png") {
    return { body: new Uint8Array(await renderCardPng(data, cardOpts)), contentType: "image/png", fileName: `card-${data.membershipNo}.png` };
  }
  return { body: new Uint8Array(await renderCardPdf(data, cardOpts)), contentType: "application/pdf", fileName: `card-${data.membershipNo}.pdf` };
}
