"use client";

import { useId, useState } from "react";
import { appointAction, endAction, replaceAction } from "@/lib/appointments/actions";
import type { Section } from "@/lib/appointments/posts";
import { secondaryButtonCls } from "@/components/ui/button";
import { Field, FieldError } from "@/components/ui/field";
import { FormMessage } from "@/components/ui/form-message";
import { SubmitButton } from "@/components/ui/submit-button";
import { useFormAction, type FormAction } from "@/components/ui/use-form-action";
import type { FormLabels } from "@/lib/i18n/labels/appointments";

export interface WorkerOption {
  id: number;
  name: string;
  /** Masked (`98•••••210`): enough to tell namesakes apart; the full number only through the audited reveal. */
  phoneMasked: string;
}

/** New worker (name, mobile, optional EPIC) or one found by the search on the page. */
function WorkerFields({ m, hits, errors, prefix }: { m: FormLabels; hits: WorkerOption[]; errors?: Record<string, string>; prefix: string }) {
  const [mode, setMode] = useState<"new" | "existing">(hits.length > 0 ? "existing" : "new");
  const pickError = errors?.workerId;
  return (
    <div className="space-y-3">
      <fieldset>
        <legend className="text-sm font-semibold">{m["appointments.form.mode"]}</legend>
        <div className="mt-1 flex flex-wrap gap-x-4 gap-y-1">
          <label className="inline-flex min-h-11 items-center gap-2">
            <input type="radio" name="mode" value="new" checked={mode === "new"} onChange={() => setMode("new")} />
            {m["appointments.form.new"]}
          </label>
          <label className="inline-flex min-h-11 items-center gap-2">
            <input type="radio" name="mode" value="existing" checked={mode === "existing"} onChange={() => setMode("existing")} />
            {m["appointments.form.existing"]}
          </label>
        </div>
      </fieldset>
      {mode === "new" ? (
        <>
          <Field id={`${prefix}-name`} name="name" label={m["appointments.form.name"]} error={errors?.name} autoComplete="name" maxLength={100} required />
          <Field
            id={`${prefix}-phone`}
            name="phone"
            label={m["appointments.form.phone"]}
            hint={m["appointments.form.phoneHint"]}
            error={errors?.phone}
            type="tel"
            inputMode="tel"
            autoComplete="tel"
            required
          />
          <Field
            id={`${prefix}-epic`}
            name="epic"
            label={m["appointments.form.epic"]}
            hint={m["appointments.form.epicHint"]}
            error={errors?.epic}
            autoCapitalize="characters"
            maxLength={12}
          />
        </>
      ) : hits.length === 0 ? (
        <p className="text-sm text-muted">{m["appointments.form.noHits"]}</p>
      ) : (
        <fieldset aria-describedby={pickError ? `${prefix}-pick-error` : undefined}>
          <legend className="text-sm font-semibold">{m["appointments.form.pick"]}</legend>
          <ul className="mt-1 space-y-1">
            {hits.map((w) => (
              <li key={w.id}>
                <label className="flex min-h-11 items-center gap-2 rounded-md border border-stone-200 px-3 py-2">
                  <input type="radio" name="workerId" value={w.id} required />
                  <span>
                    <span className="font-semibold">{w.name}</span> <span className="text-sm text-muted tabular-nums">{w.phoneMasked}</span>
                  </span>
                </label>
              </li>
            ))}
          </ul>
          <FieldError id={`${prefix}-pick-error`} error={pickError} />
        </fieldset>
      )}
    </div>
  );
}

export function AppointForm({
  section,
  role,
  level,
  unitId,
  hits,
  m,
}: {
  section: Section;
  role: string;
  level: string;
  unitId: number;
  hits: WorkerOption[];
  m: FormLabels;
}) {
  const { state, pending, errors, form } = useFormAction(appointAction);
  const prefix = useId().replace(/:/g, "");
  return (
    <form {...form} noValidate className="space-y-4" aria-describedby={`${prefix}-msg`} data-testid="appoint-form">
      <input type="hidden" name="section" value={section} />
      <input type="hidden" name="role" value={role} />
      <input type="hidden" name="level" value={level} />
      <input type="hidden" name="unitId" value={unitId} />
      <WorkerFields m={m} hits={hits} errors={errors} prefix={prefix} />
      <FormMessage state={state} id={`${prefix}-msg`} />
      <SubmitButton pending={pending} pendingLabel={m["appointments.form.submitting"]}>
        {m["appointments.form.submitAppoint"]}
      </SubmitButton>
    </form>
  );
}

/** Replace and End, each behind its own button: the destructive step asks for a reason and a confirmation. */
export function HolderActions({
  section,
  appointmentId,
  hits,
  m,
  replaceTitle,
  endTitle,
}: {
  section: Section;
  appointmentId: number;
  holderName: string;
  hits: WorkerOption[];
  m: FormLabels;
  replaceTitle: string;
  endTitle: string;
}) {
  const [open, setOpen] = useState<"replace" | "end" | null>(null);
  return (
    <div className="mt-3">
      <div className="flex flex-wrap gap-2">
        <button
          type="button"
          className={secondaryButtonCls}
          aria-expanded={open === "replace"}
          onClick={() => setOpen(open === "replace" ? null : "replace")}
          aria-label={replaceTitle}
        >
          {m["appointments.post.replace"]}
        </button>
        <button
          type="button"
          className={`${secondaryButtonCls} text-bad`}
          aria-expanded={open === "end"}
          onClick={() => setOpen(open === "end" ? null : "end")}
          aria-label={endTitle}
        >
          {m["appointments.post.end"]}
        </button>
      </div>
      {open ? (
        <HolderChangeForm
          key={open}
          kind={open}
          section={section}
          appointmentId={appointmentId}
          hits={hits}
          m={m}
          title={open === "replace" ? replaceTitle : endTitle}
          onCancel={() => setOpen(null)}
        />
      ) : null}
    </div>
  );
}

function ReasonField({ m, prefix, error }: { m: FormLabels; prefix: string; error?: string }) {
  return <Field id={`${prefix}-reason`} name="reason" label={m["appointments.form.reason"]} hint={m["appointments.form.reasonHint"]} error={error} required maxLength={200} />;
}

/** Replace or end a holder's post: a reason always; a new worker for a replacement, a warning for an end. */
function HolderChangeForm({
  kind,
  section,
  appointmentId,
  hits,
  m,
  title,
  onCancel,
}: {
  kind: "replace" | "end";
  section: Section;
  appointmentId: number;
  hits: WorkerOption[];
  m: FormLabels;
  title: string;
  onCancel: () => void;
}) {
  // The two actions differ only in the data of their result, which this form never reads.
  const { state, pending, errors, form } = useFormAction((kind === "replace" ? replaceAction : endAction) as FormAction<unknown>);
  const prefix = useId().replace(/:/g, "");
  const box = kind === "replace" ? "border-stone-200 bg-stone-50" : "border-red-200 bg-red-50";
  return (
    <form {...form} noValidate className={`mt-3 space-y-4 rounded-md border p-3 ${box}`} aria-label={title}>
      <input type="hidden" name="section" value={section} />
      <input type="hidden" name="appointmentId" value={appointmentId} />
      <p className="font-semibold">{title}</p>
      {kind === "end" ? <p className="text-sm">{m["appointments.form.endWarning"]}</p> : null}
      <ReasonField m={m} prefix={prefix} error={errors.reason} />
      {kind === "replace" ? <WorkerFields m={m} hits={hits} errors={errors} prefix={prefix} /> : null}
      <FormMessage state={state} id={`${prefix}-msg`} />
      <div className="flex flex-wrap gap-2">
        <SubmitButton pending={pending} pendingLabel={m["appointments.form.submitting"]} tone={kind === "end" ? "danger" : "primary"}>
          {kind === "replace" ? m["appointments.form.submitReplace"] : m["appointments.form.confirmEnd"]}
        </SubmitButton>
        <button type="button" className={secondaryButtonCls} onClick={onCancel}>
          {m["appointments.form.cancel"]}
        </button>
      </div>
    </form>
  );
}
