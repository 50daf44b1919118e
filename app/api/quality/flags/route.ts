import type { NextRequest } from "next/server";
import { getDb } from "@/db/client";
import { can } from "@/lib/auth/permissions";
import { getViewer } from "@/lib/auth/session";
import { errorResponse, PRIVATE_HEADERS } from "@/lib/http";
import { translator } from "@/lib/i18n";
import { getLocale } from "@/lib/i18n/server";
import { FLAGS_API_LIMIT, listFlags } from "@/lib/members/quality/queries";
import { parseFlagsApiParams } from "@/lib/members/quality/search-params";
import { flagWords } from "@/lib/members/quality/words";

/**
 * The review queue for scripts and tests: `GET /api/quality/flags?reason=<code>&status=open` (status open by
 * default, reason optional) → `{ flags: [{ membershipNo, reason, status, detail }], capped, limit }`, where
 * `detail` is the flag in words (English, or Hindi when the `lang` cookie says so). Signed in, quality.view,
 * the viewer's area only; newest first, at most FLAGS_API_LIMIT flags (`capped: true` when there were more).
 * A reason or status that is not a code is a 400. Signed-out visitors never get here: the proxy sends them
 * to /login (as for /api/progress/summary); a stale session answers 401.
 */
export async function GET(request: NextRequest) {
  const viewer = await getViewer();
  if (!viewer) return errorResponse("unauthenticated");
  if (!can(viewer, "quality.view")) return errorResponse("forbidden");
  const q = parseFlagsApiParams(request.nextUrl.searchParams);
  if (!q) return errorResponse("invalid", { message: "reason or status is not a known code" });
  const locale = await getLocale();
  const t = translator(locale);
  const { flags, capped } = await listFlags(await getDb(), viewer, q);
  return Response.json(
    {
      flags: flags.map((f) => ({ membershipNo: f.membershipNo, reason: f.reason, status: f.status, detail: flagWords(t, f.reason, f.detail, locale) })),
      capped,
      limit: FLAGS_API_LIMIT,
    },
    { headers: PRIVATE_HEADERS },
  );
}
