import type { Metadata } from "next";
import { ItCellView } from "@/components/appointments/itcell-view";
import { itCellPageData } from "@/lib/appointments/pages";
import { coverageSummary } from "@/lib/coverage/pages";
import type { SearchParams } from "@/lib/search-params";
import { ReadLagNote } from "@/components/shell/read-lag-note";

export const metadata: Metadata = { title: "IT cell" };

export default async function ItCellPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const data = await itCellPageData(searchParams);
  return (
    <>
      <ReadLagNote />
      <ItCellView {...data} coverage={await coverageSummary(data.viewer)} />
    </>
  );
}
