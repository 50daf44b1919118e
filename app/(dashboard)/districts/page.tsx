import type { Metadata } from "next";
import { ListView } from "@/components/progress/list-view";
import { getT } from "@/lib/i18n/server";
import { listPageData } from "@/lib/progress/pages";
import { ReadLagNote } from "@/components/shell/read-lag-note";

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getT();
  return { title: t("nav.districts") };
}

export default async function DistrictListPage() {
  return (
    <>
      <ReadLagNote />
      <ListView {...await listPageData("district")} />
    </>
  );
}
