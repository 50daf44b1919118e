import type { Metadata } from "next";
import { MembersView } from "@/components/members/members-view";
import { membersPageData } from "@/lib/members/pages";
import type { SearchParams } from "@/lib/search-params";

export const metadata: Metadata = { title: "Members" };

export default async function MembersPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  return <MembersView {...await membersPageData(searchParams)} />;
}
