import type { Metadata } from "next";
import { ListView } from "@/components/progress/list-view";
import { getT } from "@/lib/i18n/server";
import { listPageData } from "@/lib/progress/pages";
import { ReadLagNote } from "@/components/shell/read-lag-note";

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getT();
  return { title: t("nav.assembly") };
}

export default async function AssemblyListPage() {
  return (
    <>
      <ReadLagNote />
      <ListView {...await listPageData("ac")} />
    </>
  );
}
