import type { Metadata } from "next";
import { CoverageView } from "@/components/coverage/coverage-view";
import { coveragePageData } from "@/lib/coverage/pages";
import type { SearchParams } from "@/lib/search-params";
import { ReadLagNote } from "@/components/shell/read-lag-note";

export const metadata: Metadata = { title: "Booth coverage" };

export default async function CoveragePage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  return (
    <>
      <ReadLagNote />
      <CoverageView {...await coveragePageData(searchParams)} />
    </>
  );
}
