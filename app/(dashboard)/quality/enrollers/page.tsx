import type { Metadata } from "next";
import { ScorecardsView } from "@/components/members/quality/scorecards-view";
import { scorecardsPageData } from "@/lib/members/quality/pages";
import type { SearchParams } from "@/lib/search-params";
import { ReadLagNote } from "@/components/shell/read-lag-note";

export const metadata: Metadata = { title: "Enroller scorecards" };

export default async function EnrollerScorecardsPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  return (
    <>
      <ReadLagNote />
      <ScorecardsView {...await scorecardsPageData(searchParams)} />
    </>
  );
}
