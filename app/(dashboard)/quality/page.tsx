import type { Metadata } from "next";
import { QueueView } from "@/components/members/quality/queue-view";
import { qualityPageData } from "@/lib/members/quality/pages";
import type { SearchParams } from "@/lib/search-params";

export const metadata: Metadata = { title: "Review queue" };

export default async function QualityPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  return <QueueView {...await qualityPageData(searchParams)} />;
}
