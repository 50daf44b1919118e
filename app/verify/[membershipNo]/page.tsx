import type { Metadata } from "next";
import { VerifyView } from "@/components/members/verify-view";
import { verifyPageData } from "@/lib/members/pages";
import type { SearchParams } from "@/lib/search-params";

export const metadata: Metadata = { title: "Verify membership", robots: { index: false, follow: false } };

/**
 * Public (no sign-in): what the QR code on a card opens. With the card's signed link it says whether the number
 * is an active membership, with the name partly masked and the assembly seat; a bare number learns only
 * "valid" or "not found". Unknown and erased numbers read the same "not found". Rate-limited per client
 * address in PostgreSQL (lib/members/card/verify.ts); a refused visit gets a plain message and no lookup.
 */
export default async function VerifyPage({ params, searchParams }: { params: Promise<{ membershipNo: string }>; searchParams: Promise<SearchParams> }) {
  return <VerifyView {...await verifyPageData(params, searchParams)} />;
}
