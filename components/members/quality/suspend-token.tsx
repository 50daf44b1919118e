"use client";

import { ConfirmAction } from "@/components/ui/confirm-action";
import type { SuspendLabels } from "@/lib/i18n/labels/scorecards";
import { suspendEnrollerAction } from "@/lib/members/quality/actions";

/**
 * Suspending asks once more, naming the token and its holder, before anything is written. Afterwards the page
 * is loaded afresh with the confirmation (`doneHref` carries it), so the row shows the token suspended.
 */
export function SuspendToken({ tokenId, confirm, labels, doneHref }: { tokenId: number; confirm: string; labels: SuspendLabels; doneHref: string }) {
  return (
    <ConfirmAction
      action={suspendEnrollerAction}
      fields={{ tokenId }}
      confirm={confirm}
      labels={{ trigger: labels["scorecards.suspend"], yes: labels["scorecards.suspendYes"], keep: labels["scorecards.keep"] }}
      doneHref={doneHref}
      testId={`suspend-${tokenId}`}
    />
  );
}
