import type { Metadata } from "next";
import { UnitView } from "@/components/progress/unit-view";
import { getT } from "@/lib/i18n/server";
import { unitPageData } from "@/lib/progress/pages";
import { ReadLagNote } from "@/components/shell/read-lag-note";

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getT();
  return { title: t("progress.level.block") };
}

export default async function BlockPage({ params, searchParams }: { params: Promise<{ slug: string; id: string }>; searchParams: Promise<{ group?: string | string[] }> }) {
  const { slug, id } = await params;
  const { viewer, data } = await unitPageData("block", id, slug);
  return (
    <>
      <ReadLagNote />
      <UnitView data={data} viewer={viewer} group={(await searchParams).group} />
    </>
  );
}
