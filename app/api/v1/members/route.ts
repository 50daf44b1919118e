import { handleEnrolRequest } from "@/lib/members/api";

/** The enrolment app's sign-up endpoint (DESIGN.md §5); authenticated by enroller token, not by session. */
export async function POST(req: Request) {
  return handleEnrolRequest(req);
}
