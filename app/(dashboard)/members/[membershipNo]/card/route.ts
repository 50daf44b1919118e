import { cookies } from "next/headers";
import { getDb } from "@/db/client";
import { getViewer } from "@/lib/auth/session";
import { LOCALE_COOKIE } from "@/lib/i18n";
import { cardResponse } from "@/lib/members/card/card";

/**
 * The membership card as a PDF (ID-card size). Reachable without a session (see auth.config.ts): a signed
 * link or a signed-in viewer whose scope holds the member; lib/members/card/card.ts decides, and says 404 otherwise.
 */
export async function GET(request: Request, { params }: { params: Promise<{ membershipNo: string }> }) {
  const { membershipNo } = await params;
  return cardResponse(await getDb(), {
    membershipNo,
    request,
    viewer: await getViewer(),
    format: "pdf",
    locale: (await cookies()).get(LOCALE_COOKIE)?.value,
  });
}
