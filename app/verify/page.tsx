import type { Metadata } from "next";
import { VerifyStartView } from "@/components/members/verify-view";

export const metadata: Metadata = { title: "Verify membership", robots: { index: false, follow: false } };

/**
 * Public (no sign-in): "Was I enrolled?" (a full voter-card number → whether a membership was made with it)
 * and "I did not join" (a membership number and the voter card's last four characters → marked for review).
 * Both are plain HTML forms that work without JavaScript; see lib/members/quality/disown.ts.
 */
export default function VerifyStartPage() {
  return <VerifyStartView />;
}
