import type { Metadata } from "next";
import { UnitView } from "@/components/progress/unit-view";
import { getT } from "@/lib/i18n/server";
import { overviewData } from "@/lib/progress/pages";
import { ReadLagNote } from "@/components/shell/read-lag-note";

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getT();
  return { title: t("overview.title") };
}

export default async function OverviewPage({ searchParams }: { searchParams: Promise<{ group?: string | string[] }> }) {
  const { viewer, data } = await overviewData();
  return (
    <>
      <ReadLagNote />
      <UnitView data={data} viewer={viewer} overview group={(await searchParams).group} />
    </>
  );
}
