import type { Metadata } from "next";
import { PostView } from "@/components/appointments/post-view";
import { postPageData, type PostParams } from "@/lib/appointments/pages";

export const metadata: Metadata = { title: "Enroller post" };

export default async function EnrollerPostPage({ params }: { params: Promise<PostParams> }) {
  return <PostView {...await postPageData("enrollers", params)} />;
}
