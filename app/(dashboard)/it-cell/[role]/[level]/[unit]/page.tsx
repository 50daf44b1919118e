import type { Metadata } from "next";
import { PostPage } from "@/components/appointments/post-page";

export const metadata: Metadata = { title: "IT-cell post" };

export default function ItCellPostPage(props: {
  params: Promise<{ role: string; level: string; unit: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  return <PostPage section="itcell" {...props} />;
}
