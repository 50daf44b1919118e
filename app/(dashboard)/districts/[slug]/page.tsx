import type { Metadata } from "next";
import { UnitView } from "@/components/progress/unit-view";
import { getT } from "@/lib/i18n/server";
import { unitPageData } from "@/lib/progress/pages";
import { ReadLagNote } from "@/components/shell/read-lag-note";

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getT();
  return { title: t("progress.level.district") };
}

export default async function DistrictPage({ params, searchParams }: { params: Promise<{ slug: string }>; searchParams: Promise<{ group?: string | string[] }> }) {
  const { viewer, data } = await unitPageData("district", (await params).slug);
  return (
    <>
      <ReadLagNote />
      <UnitView data={data} viewer={viewer} group={(await searchParams).group} />
    </>
  );
}
