import { getDb } from "@/db/client";
import { getViewer } from "@/lib/auth/session";
import { getLocale } from "@/lib/i18n/server";
import { outcomeCsv } from "@/lib/members/import/web";
import { csvResponse, errorResponse } from "@/lib/http";

/** The per-line outcome of an import as CSV (audited as an export). */
export async function GET(_req: Request, { params }: { params: Promise<{ id: string }> }) {
  const viewer = await getViewer();
  if (!viewer) return errorResponse("unauthenticated");
  const { id } = await params;
  const csv = /^[0-9]{1,9}$/.test(id) ? await outcomeCsv(await getDb(), viewer, Number(id), await getLocale()) : null;
  if (!csv) return errorResponse("not_found");
  return csvResponse(csv.body, csv.name);
}
