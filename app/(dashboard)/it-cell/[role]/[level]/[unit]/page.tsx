import type { Metadata } from "next";
import { PostView } from "@/components/appointments/post-view";
import { postPageData, type PostParams } from "@/lib/appointments/pages";
import type { SearchParams } from "@/lib/search-params";

export const metadata: Metadata = { title: "IT-cell post" };

export default async function ItCellPostPage({ params, searchParams }: { params: Promise<PostParams>; searchParams: Promise<SearchParams> }) {
  return <PostView {...await postPageData("itcell", params, searchParams)} />;
}
