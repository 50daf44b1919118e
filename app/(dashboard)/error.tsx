"use client";

import { buttonClass } from "@/components/ui/button";

// Error boundaries are client components and cannot read the catalogs on the server; both languages show.
export default function DashboardError({ reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <div role="alert" className="max-w-xl space-y-3 rounded-lg border border-red-200 bg-white p-6">
      <h1 className="text-xl font-semibold">Something went wrong · कुछ गलत हो गया</h1>
      <p className="text-muted">
        The page could not be shown. Try again; if it keeps failing, tell your administrator the time it happened.
      </p>
      <button type="button" onClick={reset} className={buttonClass("primary")}>
        Try again · फिर कोशिश करें
      </button>
    </div>
  );
}
