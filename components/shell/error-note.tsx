"use client";

import { useRouter } from "next/navigation";
import { startTransition } from "react";
import { buttonClass } from "@/components/ui/button";

/** The digest of db/failover.ts's DatabaseUnavailableError (Next keeps a thrown error's own digest). */
const DATABASE_UNAVAILABLE = "DATABASE_UNAVAILABLE";

/**
 * What an error boundary shows: "the database is switching over" during a failover (no node takes writes),
 * else "something went wrong". Error boundaries are client components and cannot read the catalogs on the
 * server; both languages show. "Try again" asks the server again (a server component's error is not mended by
 * re-rendering on the client alone).
 */
export function ErrorNote({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  const router = useRouter();
  const retry = () =>
    startTransition(() => {
      router.refresh();
      reset();
    });
  const button = (
    <button type="button" onClick={retry} className={buttonClass("primary")}>
      Try again · फिर कोशिश करें
    </button>
  );
  if (error.digest === DATABASE_UNAVAILABLE) {
    return (
      <div role="alert" className="max-w-xl space-y-3 rounded-lg border border-amber-200 bg-white p-6" data-testid="database-switching">
        <h1 className="text-xl font-semibold">The database is switching over · डेटाबेस बदल रहा है</h1>
        <p className="text-muted">Nothing is lost. Try again in a moment. · कुछ भी नहीं खोया है। थोड़ी देर में फिर कोशिश करें।</p>
        {button}
      </div>
    );
  }
  return (
    <div role="alert" className="max-w-xl space-y-3 rounded-lg border border-red-200 bg-white p-6">
      <h1 className="text-xl font-semibold">Something went wrong · कुछ गलत हो गया</h1>
      <p className="text-muted">The page could not be shown. Try again; if it keeps failing, tell your administrator the time it happened.</p>
      {button}
    </div>
  );
}
