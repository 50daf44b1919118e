import type { Metadata } from "next";
import { BookEntryView } from "@/components/members/book-entry-view";
import { bookEntryPageData } from "@/lib/members/pages";

export const metadata: Metadata = { title: "Membership book entry" };

export default async function NewBookEntryPage() {
  return <BookEntryView {...await bookEntryPageData()} />;
}
