import type { Metadata } from "next";
import { TokensView } from "@/components/members/tokens-view";
import { tokensPageData } from "@/lib/members/pages";
import type { SearchParams } from "@/lib/search-params";

export const metadata: Metadata = { title: "Enrolment app tokens" };

export default async function TokensPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  return <TokensView {...await tokensPageData(searchParams)} />;
}
