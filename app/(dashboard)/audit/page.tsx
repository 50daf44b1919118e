import type { Metadata } from "next";
import { AuditView } from "@/components/audit/audit-view";
import { auditPageData } from "@/lib/audit/pages";
import type { SearchParams } from "@/lib/search-params";
import { ReadLagNote } from "@/components/shell/read-lag-note";

export const metadata: Metadata = { title: "Audit trail" };

export default async function AuditPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  return (
    <>
      <ReadLagNote />
      <AuditView {...await auditPageData(searchParams)} />
    </>
  );
}
