import { getDb } from "@/db/client";
import { plainTextResponse, readPublicForm, seeOtherResponse } from "@/lib/http";
import { getT } from "@/lib/i18n/server";
import { disownRequest } from "@/lib/members/quality/disown";

/**
 * POST /api/verify/disown (public; a plain HTML form posts here, no JavaScript needed): "I did not join".
 * Fields `membershipNo` and `epicSuffix` (the last four characters of the voter card). A match flags the
 * member for review (lib/members/quality/disown.ts); a match, a mismatch and an unknown number all answer the
 * same 303 to /verify/disowned with the same headers. Too many attempts from one client address: a 303 to
 * /verify/too-many (never the thank-you page, which would claim a report was taken). Missing or malformed
 * fields: 400, nothing looked up. A form posted from another site: 403.
 */
export async function POST(req: Request): Promise<Response> {
  const { t } = await getT();
  const invalidText = t("members.verify.disown.invalid");
  const form = await readPublicForm(req, { crossSite: t("members.verify.crossSite"), invalid: invalidText });
  if (form instanceof Response) return form;
  const outcome = await disownRequest(await getDb(), req.headers, form);
  if (outcome.kind === "invalid") return plainTextResponse(400, invalidText);
  if (outcome.kind === "limited") return seeOtherResponse("/verify/too-many", { "retry-after": String(outcome.retryAfter) });
  return seeOtherResponse("/verify/disowned");
}

