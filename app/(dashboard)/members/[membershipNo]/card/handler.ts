import { cookies } from "next/headers";
import { getDb } from "@/db/client";
import { getViewer } from "@/lib/auth/session";
import { LOCALE_COOKIE } from "@/lib/i18n";
import { cardResponse } from "@/lib/members/card/card";

/**
 * The membership card's GET, as a PDF (ID-card size) or a PNG for phones. Reachable without a session (see
 * auth.config.ts): a signed link or a signed-in viewer whose scope holds the member; lib/members/card decides,
 * and says 404 otherwise.
 */
export function cardHandler(format: "pdf" | "png") {
  return async function GET(request: Request, { params }: { params: Promise<{ membershipNo: string }> }) {
    const { membershipNo } = await params;
    return cardResponse(await getDb(), {
      membershipNo,
      request,
      viewer: await getViewer(),
      format,
      locale: (await cookies()).get(LOCALE_COOKIE)?.value,
    });
  };
}
