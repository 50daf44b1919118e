import type { Metadata } from "next";
import { MembersImportView } from "@/components/members/import-view";
import { membersImportPageData } from "@/lib/members/pages";

export const metadata: Metadata = { title: "Import members" };

export default async function ImportPage() {
  return <MembersImportView {...await membersImportPageData()} />;
}
