import { cookies } from "next/headers";
import { getDb } from "@/db/client";
import { getViewer } from "@/lib/auth/session";
import { LOCALE_COOKIE } from "@/lib/i18n";
import { fileResponse, notFoundText, PRIVATE_HEADERS } from "@/lib/http";
import { cardFile } from "@/lib/members/card/card";

/**
 * The membership card's GET, as a PDF (ID-card size) or a PNG for phones. Reachable without a session (see
 * auth.config.ts): a signed link or a signed-in viewer whose scope holds the member; lib/members/card decides
 * (null means a 404 that says nothing about why).
 */
export function cardHandler(format: "pdf" | "png") {
  return async function GET(request: Request, { params }: { params: Promise<{ membershipNo: string }> }) {
    const { membershipNo } = await params;
    const card = await cardFile(await getDb(), {
      membershipNo,
      request,
      viewer: await getViewer(),
      format,
      locale: (await cookies()).get(LOCALE_COOKIE)?.value,
    });
    // The card holds personal data: no cache keeps it, whether it is found or not.
    return card ? fileResponse(card, { inline: true, headers: PRIVATE_HEADERS }) : notFoundText(PRIVATE_HEADERS);
  };
}
