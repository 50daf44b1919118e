import type { Metadata } from "next";
import { DisownedView } from "@/components/members/verify-view";

export const metadata: Metadata = { title: "Thank you", robots: { index: false, follow: false } };

/** Public: where every accepted "I did not join" form lands, whether its details matched a membership or not. */
export default function DisownedPage() {
  return <DisownedView />;
}
