import { jsonResponse } from "@/lib/http";
import { handleEnrolRequest } from "@/lib/members/api/handler";

// Always dynamic (a POST with a bearer token); saying so spares Next.js wrapping every request in a
// proxy that records which request fields a handler reads, for static rendering this route never has.
export const dynamic = "force-dynamic";

/** The enrolment app's sign-up endpoint (DESIGN.md §5); authenticated by enroller token, not by session. */
export async function POST(req: Request) {
  return jsonResponse(await handleEnrolRequest(req));
}
