"use client";

import { useState } from "react";
import { buttonClass } from "@/components/ui/button";
import { ConfirmAction } from "@/components/ui/confirm-action";
import { Field } from "@/components/ui/field";
import { FormMessage } from "@/components/ui/form-message";
import { SubmitButton } from "@/components/ui/submit-button";
import { useFormAction } from "@/components/ui/use-form-action";
import type { IssueTokenLabels, RevokeTokenLabels } from "@/lib/i18n/labels/members";
import { issueTokenAction, revokeTokenAction } from "@/lib/members/actions";

/** Issue form for one post; a new token is shown once, with a copy button, until the page is left. */
export function IssueToken({
  appointmentId,
  issued,
  labels,
}: {
  appointmentId: number;
  /** `members.tokens.issued` with the holder's name. */
  issued: string;
  labels: IssueTokenLabels;
}) {
  // Never sends the previous result (it holds the last token) back to the server.
  const { state, pending, form } = useFormAction(issueTokenAction, { fresh: true });
  const [copied, setCopied] = useState(false);
  const id = `issue-${appointmentId}`;
  const token = state?.ok ? state.data?.token : undefined;
  return (
    <div className="min-w-56 space-y-2">
      <form {...form} className="flex flex-wrap items-end gap-2">
        <input type="hidden" name="appointmentId" value={appointmentId} />
        <Field
          id={`${id}-label`}
          name="label"
          label={labels["members.tokens.labelField"]}
          labelHidden
          compact
          inputClassName="w-full"
          maxLength={80}
          placeholder={labels["members.tokens.labelPlaceholder"]}
          describedBy={`${id}-status`}
          frameClassName="min-w-0 flex-1"
        />
        <SubmitButton pending={pending} pendingLabel={labels["members.tokens.issuing"]} size="sm">
          {labels["members.tokens.issue"]}
        </SubmitButton>
      </form>
      <div id={`${id}-status`} aria-live="polite">
        <FormMessage state={state} compact />
        {token ? (
          <div className="space-y-1 rounded-md border border-amber-300 bg-amber-50 p-2" data-testid="new-token">
            <p className="text-xs text-warn">{issued}</p>
            <div className="flex items-center gap-2">
              <code className="min-w-0 flex-1 break-all rounded bg-white px-2 py-1 font-mono text-xs" data-testid="new-token-value">
                {token}
              </code>
              <button
                type="button"
                onClick={() => {
                  void navigator.clipboard?.writeText(token).then(() => setCopied(true));
                }}
                className={buttonClass("secondary", "xs")}
              >
                {copied ? labels["members.tokens.copied"] : labels["members.tokens.copy"]}
              </button>
            </div>
          </div>
        ) : null}
      </div>
    </div>
  );
}

/**
 * Revoking asks once more, naming the token and its holder, before anything is written. Afterwards the row
 * leaves the list of active tokens, so the confirmation moves to the page (`doneHref` carries it).
 */
export function RevokeToken({
  tokenId,
  confirm,
  labels,
  doneHref,
}: {
  tokenId: number;
  /** `members.tokens.revokeConfirm` with the token's prefix and holder. */
  confirm: string;
  labels: RevokeTokenLabels;
  doneHref: string;
}) {
  return (
    <ConfirmAction
      action={revokeTokenAction}
      fields={{ tokenId }}
      confirm={confirm}
      labels={{ trigger: labels["members.tokens.revoke"], yes: labels["members.tokens.revokeYes"], keep: labels["members.tokens.keep"] }}
      doneHref={doneHref}
    />
  );
}
