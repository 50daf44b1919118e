"use client";

import { useRouter } from "next/navigation";
import { useEffect, useState } from "react";
import { buttonClass } from "@/components/ui/button";
import { FormMessage } from "@/components/ui/form-message";
import { SubmitButton } from "@/components/ui/submit-button";
import { useFormAction } from "@/components/ui/use-form-action";
import type { SuspendLabels } from "@/lib/i18n/labels/scorecards";
import { suspendEnrollerAction } from "@/lib/members/quality/scorecard-actions";

/**
 * Suspending asks once more, naming the token and its holder, before anything is written. Afterwards the page
 * is loaded afresh with the confirmation (`doneHref` carries it), so the row shows the token suspended.
 */
export function SuspendToken({ tokenId, confirm, labels, doneHref }: { tokenId: number; confirm: string; labels: SuspendLabels; doneHref: string }) {
  const [asking, setAsking] = useState(false);
  const { state, pending, form } = useFormAction(suspendEnrollerAction, { reset: false });
  const router = useRouter();
  useEffect(() => {
    if (state?.ok) router.replace(doneHref);
  }, [state, router, doneHref]);
  return (
    <div aria-live="polite" className="min-w-40">
      <FormMessage state={state} showOk compact />
      {state?.ok ? null : asking ? (
        <form {...form} className="space-y-2" role="group" aria-label={labels["scorecards.suspend"]}>
          <input type="hidden" name="tokenId" value={tokenId} />
          <p className="text-sm">{confirm}</p>
          <div className="flex flex-wrap gap-2">
            <SubmitButton pending={pending} tone="danger" size="sm">
              {labels["scorecards.suspendYes"]}
            </SubmitButton>
            <button type="button" onClick={() => setAsking(false)} className={buttonClass("secondary", "sm")}>
              {labels["scorecards.keep"]}
            </button>
          </div>
        </form>
      ) : (
        <button type="button" onClick={() => setAsking(true)} className={buttonClass("dangerOutline", "sm")} data-testid={`suspend-${tokenId}`}>
          {labels["scorecards.suspend"]}
        </button>
      )}
    </div>
  );
}
