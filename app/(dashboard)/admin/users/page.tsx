import type { Metadata } from "next";
import { UsersView } from "@/components/users/users-view";
import { usersPageData } from "@/lib/users/pages";
import type { SearchParams } from "@/lib/search-params";
import { ReadLagNote } from "@/components/shell/read-lag-note";

export const metadata: Metadata = { title: "Users" };

export default async function UsersPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  return (
    <>
      <ReadLagNote />
      <UsersView {...await usersPageData(searchParams)} />
    </>
  );
}
