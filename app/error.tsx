"use client";

import { ErrorNote } from "@/components/shell/error-note";

/**
 * A failure outside any page's own boundary: the dashboard's frame itself (its layout reads the viewer, the
 * first query of every page, so a failover shows here), the sign-in page, the verify pages.
 */
export default function RootError(props: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <main id="content" className="p-4 sm:p-6">
      <ErrorNote {...props} />
    </main>
  );
}
