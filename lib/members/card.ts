import "server-only";
import { and, eq, isNull, type SQL } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { assemblySeats, booths, members, states } from "@/db/schema";
import { can } from "@/lib/auth/permissions";
import type { Viewer } from "@/lib/auth/viewer";
import { isLocale, type Locale } from "@/lib/i18n";
import { verifyCardSignature } from "./card-url";
import { renderCardPdf, renderCardPng, type CardData } from "./card-render";
import { MEMBERSHIP_NO_PATTERN } from "./query";
import { memberScope } from "./search";

export interface CardAccess {
  /** The `sig` query parameter of a card link (see card-url.ts). */
  sig?: string | null;
  viewer?: Viewer | null;
}

/**
 * The card's data, if this request may see it: a valid signed link (the enrolment app hands one to the new
 * member), or a signed-in viewer allowed to see members whose scope holds the member's booth. Unknown,
 * erased, out-of-scope and unsigned all answer null, so the route says "not found" to each alike.
 */
export async function loadCard(db: DbOrTx, membershipNo: string, access: CardAccess): Promise<CardData | null> {
  if (!MEMBERSHIP_NO_PATTERN.test(membershipNo)) return null;
  let scope: SQL | undefined;
  if (verifyCardSignature(membershipNo, access.sig)) scope = undefined;
  else if (access.viewer && can(access.viewer, "members.view")) scope = memberScope(access.viewer);
  else return null;
  const [m] = await db
    .select({
      membershipNo: members.membershipNo,
      name: members.name,
      photo: members.photo,
      enrolledOn: members.enrolledOn,
      boothCode: booths.code,
      boothName: booths.name,
      boothNameHi: booths.nameHi,
      acNo: assemblySeats.no,
      acName: assemblySeats.name,
      acNameHi: assemblySeats.nameHi,
      stateName: states.name,
      stateNameHi: states.nameHi,
    })
    .from(members)
    .innerJoin(booths, eq(booths.id, members.boothId))
    .innerJoin(assemblySeats, eq(assemblySeats.id, members.acId))
    .innerJoin(states, eq(states.id, members.stateId))
    .where(and(eq(members.membershipNo, membershipNo), isNull(members.erasedAt), scope))
    .limit(1);
  if (!m || !m.name) return null;
  return { ...m, name: m.name, photo: m.photo ? new Uint8Array(m.photo) : null };
}

/**
 * The public origin for links printed on the card: PUBLIC_URL (or AUTH_URL) when set, else the host the
 * request was addressed to (the forwarded host behind a proxy). `request.url` is not used for this: Next
 * rewrites its host (127.0.0.1 becomes localhost), and the QR code must open what the visitor typed.
 */
export function publicOrigin(request: { url: string; headers: Headers }): string {
  for (const v of [process.env.PUBLIC_URL, process.env.AUTH_URL]) {
    if (!v) continue;
    try {
      return new URL(v).origin;
    } catch {
      // A malformed setting falls through to the request's own host.
    }
  }
  const url = new URL(request.url);
  const host = request.headers.get("x-forwarded-host")?.split(",")[0]?.trim() || request.headers.get("host");
  const proto = request.headers.get("x-forwarded-proto")?.split(",")[0]?.trim() || url.protocol.replace(":", "");
  if (host && /^(\[[0-9a-fA-F:.]+\]|[A-Za-z0-9.-]+)(:[0-9]{1,5})?$/.test(host) && (proto === "http" || proto === "https")) {
    return `${proto}://${host}`;
  }
  return url.origin;
}

export function verifyUrl(origin: string, membershipNo: string): string {
  return `${origin}/verify/${encodeURIComponent(membershipNo)}`;
}

/** The card route's answer: the PDF or PNG, or a plain 404 that says nothing about why. */
export async function cardResponse(
  db: DbOrTx,
  opts: { membershipNo: string; request: Request; viewer: Viewer | null; format: "pdf" | "png"; locale?: string | null },
): Promise<Response> {
  const url = new URL(opts.request.url);
  const data = await loadCard(db, opts.membershipNo, { sig: url.searchParams.get("sig"), viewer: opts.viewer });
  const headers = { "cache-control": "private, no-store", "x-content-type-options": "nosniff" };
  if (!data) return new Response("Not found", { status: 404, headers: { ...headers, "content-type": "text/plain; charset=utf-8" } });
  const langParam = url.searchParams.get("lang");
  const lang: Locale = isLocale(langParam) ? langParam : isLocale(opts.locale) ? opts.locale : "hi";
  const cardOpts = { verifyUrl: verifyUrl(publicOrigin(opts.request), data.membershipNo), lang };
  if (opts.format === "png") {
    const png = await renderCardPng(data, cardOpts);
    return new Response(new Uint8Array(png), {
      headers: { ...headers, "content-type": "image/png", "content-disposition": `inline; filename="card-${data.membershipNo}.png"` },
    });
  }
  const pdf = await renderCardPdf(data, cardOpts);
  return new Response(new Uint8Array(pdf), {
    headers: { ...headers, "content-type": "application/pdf", "content-disposition": `inline; filename="card-${data.membershipNo}.pdf"` },
  });
}
