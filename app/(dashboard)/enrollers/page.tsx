import type { Metadata } from "next";
import { EnrollersView } from "@/components/appointments/enrollers-view";
import { enrollersPageData } from "@/lib/appointments/pages";
import type { SearchParams } from "@/lib/search-params";
import { ReadLagNote } from "@/components/shell/read-lag-note";

export const metadata: Metadata = { title: "Enrollers" };

export default async function EnrollersPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  return (
    <>
      <ReadLagNote />
      <EnrollersView {...await enrollersPageData(searchParams)} />
    </>
  );
}
