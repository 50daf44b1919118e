import { getDb } from "@/db/client";
import { plainTextResponse, readPublicForm, seeOtherResponse } from "@/lib/http";
import { getT } from "@/lib/i18n/server";
import { ENROLLED_COOKIE, ENROLLED_COOKIE_SECONDS, enrolledRequest, sealEnrolment } from "@/lib/members/quality/disown";
import { publicUrl } from "@/lib/net/public-url";

/**
 * POST /api/verify/enrolled (public; a plain HTML form, no JavaScript needed): "Was I enrolled?". Field `epic`.
 * The answer (found or not; the membership number, enrolment day and assembly seat) is signed into a
 * short-lived HttpOnly cookie and the browser is sent (303) to /verify/enrolled, which shows it: the EPIC is
 * never in a URL. Counted per client address with the disown form (lib/members/quality/disown.ts); too many:
 * 303 to /verify/too-many. Missing or malformed EPIC: 400. Posted from another site: 403.
 */
export async function POST(req: Request): Promise<Response> {
  const { t } = await getT();
  const invalidText = t("members.verify.enrolled.invalid");
  const form = await readPublicForm(req, { crossSite: t("members.verify.crossSite"), invalid: invalidText });
  if (form instanceof Response) return form;
  const outcome = await enrolledRequest(await getDb(), req.headers, form);
  if (outcome.kind === "invalid") return plainTextResponse(400, invalidText);
  if (outcome.kind === "limited") return seeOtherResponse("/verify/too-many", { "retry-after": String(outcome.retryAfter) });
  const secure = publicUrl().startsWith("https:") ? "; Secure" : "";
  const cookie = `${ENROLLED_COOKIE}=${sealEnrolment(outcome.result)}; Path=/verify/enrolled; Max-Age=${ENROLLED_COOKIE_SECONDS}; HttpOnly; SameSite=Lax${secure}`;
  return seeOtherResponse("/verify/enrolled", { "set-cookie": cookie });
}

