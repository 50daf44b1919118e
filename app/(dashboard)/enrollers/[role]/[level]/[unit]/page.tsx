import type { Metadata } from "next";
import { PostView } from "@/components/appointments/post-view";
import { postPageData, type PostParams } from "@/lib/appointments/pages";
import { ReadLagNote } from "@/components/shell/read-lag-note";

export const metadata: Metadata = { title: "Enroller post" };

export default async function EnrollerPostPage({ params }: { params: Promise<PostParams> }) {
  return (
    <>
      <ReadLagNote />
      <PostView {...await postPageData("enrollers", params)} />
    </>
  );
}
