import type { Metadata } from "next";
import { ImportPage } from "@/components/appointments/import-page";

export const metadata: Metadata = { title: "Import appointments" };

export default function EnrollersImportPage() {
  return <ImportPage section="enrollers" />;
}
