import type { Metadata } from "next";
import { AuditView } from "@/components/audit/audit-view";
import { auditPageData } from "@/lib/audit/pages";
import type { SearchParams } from "@/lib/search-params";

export const metadata: Metadata = { title: "Audit trail" };

export default async function AuditPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  return <AuditView {...await auditPageData(searchParams)} />;
}
