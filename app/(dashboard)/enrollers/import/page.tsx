import type { Metadata } from "next";
import { ImportView } from "@/components/appointments/import-view";
import { importPageData } from "@/lib/appointments/pages";

export const metadata: Metadata = { title: "Import appointments" };

export default async function EnrollersImportPage() {
  return <ImportView {...await importPageData("enrollers")} />;
}
