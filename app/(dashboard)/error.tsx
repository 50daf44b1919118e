"use client";

import { ErrorNote } from "@/components/shell/error-note";

/** A page inside the frame failed: the frame stays, the note takes the page's place. */
export default function DashboardError(props: { error: Error & { digest?: string }; reset: () => void }) {
  return <ErrorNote {...props} />;
}
