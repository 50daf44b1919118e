"use client";

import { FormMessage } from "@/components/ui/form-message";
import { SubmitButton } from "@/components/ui/submit-button";
import { useFormAction, type FormAction } from "@/components/ui/use-form-action";
import type { RevealLabels } from "@/lib/i18n/labels/members";
import type { RevealedMember } from "@/lib/members/reveal";

type Reveal = FormAction<RevealedMember>;

/** A reveal is a deliberate, audited act: a button, never an automatic load. */
export function RevealPanel({ action, membershipNo, labels }: { action: Reveal; membershipNo: string; labels: RevealLabels }) {
  const { state, pending, form } = useFormAction(action, { reset: false });
  const data = state?.ok ? state.data : undefined;
  const fields: [string, string | null | undefined, string][] = data
    ? [
        [labels["members.col.epic"], data.epic, "revealed-epic"],
        [labels["members.col.phone"], data.phone, "revealed-phone"],
        [labels["members.col.relativeName"], data.relativeName, "revealed-relative"],
        [labels["members.field.address"], data.address, "revealed-address"],
        [labels["members.field.religion"], data.religion, "revealed-religion"],
        [labels["members.field.caste"], data.caste, "revealed-caste"],
      ]
    : [];
  return (
    <section className="rounded-lg border border-stone-200 bg-white p-4 shadow-sm" aria-labelledby="reveal-h">
      <h2 id="reveal-h" className="font-semibold">
        {labels["members.reveal.title"]}
      </h2>
      <p className="mt-1 mb-3 text-sm text-muted" id="reveal-note">
        {labels["members.reveal.note"]}
      </p>
      {!data ? (
        <form {...form}>
          <input type="hidden" name="membershipNo" value={membershipNo} />
          <SubmitButton pending={pending} pendingLabel={labels["members.reveal.working"]} tone="outline" size="sm" aria-describedby="reveal-note">
            {labels["members.reveal.button"]}
          </SubmitButton>
        </form>
      ) : null}
      <div aria-live="polite">
        <FormMessage state={state} compact className="mt-2 empty:hidden" />
        {data ? (
          <>
            <dl className="grid grid-cols-1 gap-x-6 gap-y-2 text-sm sm:grid-cols-[12rem_1fr]">
              {fields.map(([label, value, testId]) => (
                <div key={testId} className="contents">
                  <dt className="text-muted">{label}</dt>
                  <dd className="break-words" data-testid={testId}>
                    {value || "—"}
                  </dd>
                </div>
              ))}
            </dl>
            <p className="mt-3 text-xs text-muted" data-testid="reveal-audit">
              {labels["members.reveal.done"].replace("{id}", String(data.auditId))}
            </p>
          </>
        ) : null}
      </div>
    </section>
  );
}
