import type { Metadata } from "next";
import { TooManyAttemptsView } from "@/components/members/verify-view";

export const metadata: Metadata = { title: "Too many attempts", robots: { index: false, follow: false } };

/** Public: where the two forms send an address that used up its attempts (lib/members/quality/disown.ts disownLimit). */
export default function TooManyAttemptsPage() {
  return <TooManyAttemptsView />;
}
