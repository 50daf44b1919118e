import type { Metadata } from "next";
import { ListView } from "@/components/progress/list-view";
import { getT } from "@/lib/i18n/server";

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getT();
  return { title: t("nav.districts") };
}

export default function DistrictListPage() {
  return <ListView level="district" />;
}
