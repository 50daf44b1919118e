import { cookies } from "next/headers";
import { getDb } from "@/db/client";
import { getViewer } from "@/lib/auth/session";
import { LOCALE_COOKIE } from "@/lib/i18n";
import { getT } from "@/lib/i18n/server";
import { fileResponse, notFoundText, PRIVATE_HEADERS } from "@/lib/http";
import { cardFile, NOT_VALID } from "@/lib/members/card/card";

/**
 * The membership card's GET, as a PDF (ID-card size) or a PNG for phones. Reachable without a session (see
 * auth.config.ts): a signed link or a signed-in viewer whose scope holds the member; lib/members/card decides
 * (null means a 404 that says nothing about why). A member voided after review has no card: 410 Gone, "This
 * membership is not valid." (only to a signed link or a viewer in scope; anyone else still reads 404).
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
    if (card === NOT_VALID) {
      const { t } = await getT();
      return new Response(`${t("members.verify.notValid")}\n${t("members.verify.notValidBody", { no: membershipNo })}\n`, {
        status: 410,
        headers: { ...PRIVATE_HEADERS, "content-type": "text/plain; charset=utf-8" },
      });
    }
    return card ? fileResponse(card, { inline: true, headers: PRIVATE_HEADERS }) : notFoundText(PRIVATE_HEADERS);
  };
}
