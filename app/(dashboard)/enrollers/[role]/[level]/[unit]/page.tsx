import type { Metadata } from "next";
import { PostPage } from "@/components/appointments/post-page";

export const metadata: Metadata = { title: "Enroller post" };

export default function EnrollerPostPage(props: {
  params: Promise<{ role: string; level: string; unit: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  return <PostPage section="enrollers" {...props} />;
}
