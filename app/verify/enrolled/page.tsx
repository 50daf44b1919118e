import type { Metadata } from "next";
import { cookies } from "next/headers";
import { EnrolledView } from "@/components/members/verify-view";
import { ENROLLED_COOKIE, openEnrolment } from "@/lib/members/quality/disown";

export const metadata: Metadata = { title: "Was I enrolled?", robots: { index: false, follow: false } };

/**
 * Public: the answer to "Was I enrolled?". /api/verify/enrolled sealed it into a short-lived HttpOnly cookie
 * (so the EPIC is never in a URL); without one (expired, altered, or opened directly) the form is shown again.
 */
export default async function EnrolledPage() {
  return <EnrolledView result={openEnrolment((await cookies()).get(ENROLLED_COOKIE)?.value)} />;
}
