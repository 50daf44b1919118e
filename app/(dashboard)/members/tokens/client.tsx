"use client";

import { useRouter } from "next/navigation";
import { useActionState, useEffect, useState } from "react";
import type { ActionResult } from "@/lib/errors";
import { issueTokenAction, revokeTokenAction } from "./actions";

export interface IssueLabels {
  label: string;
  placeholder: string;
  issue: string;
  issuing: string;
  issued: string;
  copy: string;
  copied: string;
}

/** Issue form for one post; a new token is shown once, with a copy button, until the page is left. */
export function IssueToken({ appointmentId, labels }: { appointmentId: number; labels: IssueLabels }) {
  const [state, action, pending] = useActionState<ActionResult<{ token: string; prefix: string }> | null, FormData>(issueTokenAction, null);
  const [copied, setCopied] = useState(false);
  const id = `issue-${appointmentId}`;
  const token = state?.ok ? state.data?.token : undefined;
  return (
    <div className="min-w-56 space-y-2">
      <form action={action} className="flex flex-wrap items-end gap-2">
        <input type="hidden" name="appointmentId" value={appointmentId} />
        <label className="min-w-0 flex-1 text-xs text-muted">
          <span className="sr-only">{labels.label}</span>
          <input
            name="label"
            maxLength={80}
            placeholder={labels.placeholder}
            aria-label={labels.label}
            aria-describedby={`${id}-status`}
            className="block w-full rounded-md border border-stone-300 px-2 py-1.5 text-sm text-ink"
          />
        </label>
        <button
          type="submit"
          disabled={pending}
          className="rounded-md bg-brand-600 px-3 py-1.5 text-sm font-semibold text-white hover:bg-brand-700 disabled:opacity-60"
        >
          {pending ? labels.issuing : labels.issue}
        </button>
      </form>
      <div id={`${id}-status`} aria-live="polite">
        {state && !state.ok ? <p className="text-sm font-semibold text-bad">{state.message}</p> : null}
        {token ? (
          <div className="space-y-1 rounded-md border border-amber-300 bg-amber-50 p-2" data-testid="new-token">
            <p className="text-xs text-warn">{labels.issued}</p>
            <div className="flex items-center gap-2">
              <code className="min-w-0 flex-1 break-all rounded bg-white px-2 py-1 font-mono text-xs" data-testid="new-token-value">
                {token}
              </code>
              <button
                type="button"
                onClick={() => {
                  void navigator.clipboard?.writeText(token).then(() => setCopied(true));
                }}
                className="rounded-md border border-stone-300 bg-white px-2 py-1 text-xs font-semibold hover:bg-stone-100"
              >
                {copied ? labels.copied : labels.copy}
              </button>
            </div>
          </div>
        ) : null}
      </div>
    </div>
  );
}

export interface RevokeLabels {
  revoke: string;
  confirm: string;
  yes: string;
  keep: string;
}

/**
 * Revoking asks once more, naming the token and its holder, before anything is written. Afterwards the row
 * leaves the list of active tokens, so the confirmation moves to the page (`doneHref` carries it).
 */
export function RevokeToken({ tokenId, labels, doneHref }: { tokenId: number; labels: RevokeLabels; doneHref: string }) {
  const [asking, setAsking] = useState(false);
  const [state, action, pending] = useActionState<ActionResult | null, FormData>(revokeTokenAction, null);
  const router = useRouter();
  useEffect(() => {
    if (state?.ok) router.replace(doneHref);
  }, [state, router, doneHref]);
  return (
    <div aria-live="polite" className="min-w-40">
      {state ? <p className={`text-sm font-semibold ${state.ok ? "text-ok" : "text-bad"}`}>{state.message}</p> : null}
      {state?.ok ? null : asking ? (
        <form action={action} className="space-y-2" role="group" aria-label={labels.revoke}>
          <input type="hidden" name="tokenId" value={tokenId} />
          <p className="text-sm">{labels.confirm}</p>
          <div className="flex gap-2">
            <button type="submit" disabled={pending} className="rounded-md bg-bad px-3 py-1.5 text-sm font-semibold text-white disabled:opacity-60">
              {labels.yes}
            </button>
            <button type="button" onClick={() => setAsking(false)} className="rounded-md border border-stone-300 px-3 py-1.5 text-sm font-semibold">
              {labels.keep}
            </button>
          </div>
        </form>
      ) : (
        <button
          type="button"
          onClick={() => setAsking(true)}
          className="rounded-md border border-red-300 px-3 py-1.5 text-sm font-semibold text-bad hover:bg-red-50"
        >
          {labels.revoke}
        </button>
      )}
    </div>
  );
}
