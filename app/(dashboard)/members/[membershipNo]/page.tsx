import type { Metadata } from "next";
import { MemberView } from "@/components/members/member-view";
import { memberPageData } from "@/lib/members/pages";

export const metadata: Metadata = { title: "Member" };

export default async function MemberPage({ params }: { params: Promise<{ membershipNo: string }> }) {
  return <MemberView {...await memberPageData(params)} />;
}
