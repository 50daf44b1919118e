import type { Metadata } from "next";
import { PostView } from "@/components/appointments/post-view";
import { postPageData, type PostParams } from "@/lib/appointments/pages";
import { ReadLagNote } from "@/components/shell/read-lag-note";

export const metadata: Metadata = { title: "IT-cell post" };

export default async function ItCellPostPage({ params }: { params: Promise<PostParams> }) {
  return (
    <>
      <ReadLagNote />
      <PostView {...await postPageData("itcell", params)} />
    </>
  );
}
