import type { Metadata } from "next";
import { PostView } from "@/components/appointments/post-view";
import { postPageData, type PostParams } from "@/lib/appointments/pages";
import type { SearchParams } from "@/lib/search-params";

export const metadata: Metadata = { title: "Enroller post" };

export default async function EnrollerPostPage({ params, searchParams }: { params: Promise<PostParams>; searchParams: Promise<SearchParams> }) {
  return <PostView {...await postPageData("enrollers", params, searchParams)} />;
}
