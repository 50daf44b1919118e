import { cookies } from "next/headers";
import { getDb } from "@/db/client";
import { getViewer } from "@/lib/auth/session";
import { LOCALE_COOKIE } from "@/lib/i18n";
import { cardResponse } from "@/lib/members/card/card";

/** The membership card as a PNG for phones; the same access rules as the PDF (lib/members/card/card.ts). */
export async function GET(request: Request, { params }: { params: Promise<{ membershipNo: string }> }) {
  const { membershipNo } = await params;
  return cardResponse(await getDb(), {
    membershipNo,
    request,
    viewer: await getViewer(),
    format: "png",
    locale: (await cookies()).get(LOCALE_COOKIE)?.value,
  });
}
