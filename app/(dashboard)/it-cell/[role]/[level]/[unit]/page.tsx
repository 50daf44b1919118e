import type { Metadata } from "next";
import { PostView } from "@/components/appointments/post-view";
import { postPageData, type PostParams } from "@/lib/appointments/pages";

export const metadata: Metadata = { title: "IT-cell post" };

export default async function ItCellPostPage({ params }: { params: Promise<PostParams> }) {
  return <PostView {...await postPageData("itcell", params)} />;
}
