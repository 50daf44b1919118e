import type { Metadata } from "next";
import { QueueView } from "@/components/members/quality/queue-view";
import { qualityPageData } from "@/lib/members/quality/pages";
import type { SearchParams } from "@/lib/search-params";
import { ReadLagNote } from "@/components/shell/read-lag-note";

export const metadata: Metadata = { title: "Review queue" };

export default async function QualityPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  return (
    <>
      <ReadLagNote />
      <QueueView {...await qualityPageData(searchParams)} />
    </>
  );
}
