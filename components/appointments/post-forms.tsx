"use client";

import { useId, useState } from "react";
import { appointAction, endAction, replaceAction, searchWorkersAction } from "@/lib/appointments/actions";
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

type SearchState =
  | { status: "idle" }
  | { status: "searching" }
  | { status: "done"; hits: WorkerOption[] }
  | { status: "failed"; message: string };

/**
 * The search for a known worker, inside the form: it asks the server (searchWorkersAction, scoped to the
 * viewer's area) without leaving the page, so the rest of the form — a replacement's reason — stays as typed.
 * Nothing is said about matches before a search; Enter in the box searches instead of submitting the form.
 */
function WorkerSearch({ m, section, prefix, pickError }: { m: FormLabels; section: Section; prefix: string; pickError?: string }) {
  const [q, setQ] = useState("");
  const [search, setSearch] = useState<SearchState>({ status: "idle" });
  const run = async () => {
    const form = new FormData();
    form.set("section", section);
    form.set("q", q);
    setSearch({ status: "searching" });
    try {
      const result = await searchWorkersAction(null, form);
      setSearch(result.ok ? { status: "done", hits: result.data ?? [] } : { status: "failed", message: result.message });
    } catch {
      setSearch({ status: "failed", message: m["appointments.form.searchFailed"] });
    }
  };
  const hits = search.status === "done" ? search.hits : [];
  return (
    <div className="space-y-2">
      <div role="search" className="space-y-2">
        <Field
          id={`${prefix}-q`}
          name="q"
          label={m["appointments.form.search"]}
          hint={m["appointments.form.searchHint"]}
          value={q}
          onChange={(e) => setQ(e.currentTarget.value)}
          onKeyDown={(e) => {
            if (e.key === "Enter") {
              e.preventDefault();
              void run();
            }
          }}
          inputMode="search"
          autoComplete="off"
          maxLength={60}
          data-testid="worker-search"
        />
        <button type="button" className={secondaryButtonCls} onClick={() => void run()} disabled={search.status === "searching"}>
          {search.status === "searching" ? m["appointments.form.searching"] : m["appointments.form.searchButton"]}
        </button>
      </div>
      <p aria-live="polite" className="text-sm text-muted" data-testid="worker-search-status">
        {search.status === "done" ? (hits.length === 0 ? m["appointments.form.noHits"] : m["appointments.form.hitsFound"].replace("{count}", String(hits.length))) : null}
        {search.status === "failed" ? <span className="text-bad">{search.message}</span> : null}
      </p>
      {hits.length > 0 ? (
        <fieldset aria-describedby={pickError ? `${prefix}-pick-error` : undefined}>
          <legend className="text-sm font-semibold">{m["appointments.form.pick"]}</legend>
          <ul className="mt-1 space-y-1" data-testid="worker-hits">
            {hits.map((w) => (
              <li key={w.id}>
                <label className="flex min-h-11 items-center gap-2 rounded-md border border-stone-200 bg-white px-3 py-2">
                  <input type="radio" name="workerId" value={w.id} required className="size-5" />
                  <span>
                    <span className="font-semibold">{w.name}</span> <span className="text-sm text-muted tabular-nums">{w.phoneMasked}</span>
                  </span>
                </label>
              </li>
            ))}
          </ul>
        </fieldset>
      ) : null}
      <FieldError id={`${prefix}-pick-error`} error={pickError} />
    </div>
  );
}

/** New worker (name, mobile, optional EPIC) or one already known in the area, found by the search in the form. */
function WorkerFields({ m, section, errors, prefix }: { m: FormLabels; section: Section; errors?: Record<string, string>; prefix: string }) {
  const [mode, setMode] = useState<"new" | "existing">("new");
  return (
    <div className="space-y-3">
      <fieldset>
        <legend className="text-sm font-semibold">{m["appointments.form.mode"]}</legend>
        <div className="mt-1 flex flex-wrap gap-x-4 gap-y-1">
          <label className="inline-flex min-h-11 items-center gap-2">
            <input type="radio" name="mode" value="new" checked={mode === "new"} onChange={() => setMode("new")} className="size-5" />
            {m["appointments.form.new"]}
          </label>
          <label className="inline-flex min-h-11 items-center gap-2">
            <input type="radio" name="mode" value="existing" checked={mode === "existing"} onChange={() => setMode("existing")} className="size-5" />
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
      ) : (
        <WorkerSearch m={m} section={section} prefix={prefix} pickError={errors?.workerId} />
      )}
    </div>
  );
}

export function AppointForm({
  section,
  role,
  level,
  unitId,
  m,
}: {
  section: Section;
  role: string;
  level: string;
  unitId: number;
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
      <WorkerFields m={m} section={section} errors={errors} prefix={prefix} />
      <FormMessage state={state} id={`${prefix}-msg`} />
      <SubmitButton pending={pending} pendingLabel={m["appointments.form.submitting"]}>
        {m["appointments.form.submitAppoint"]}
      </SubmitButton>
    </form>
  );
}

/**
 * Replace and End, each behind its own button: the destructive step asks for a reason and a confirmation. A
 * button's accessible name starts with its visible words ("End post"), the holder following for screen
 * readers only (`who`, e.g. "(Rashmi Nishad)"), so voice control finds it by what it shows (WCAG 2.5.3).
 */
export function HolderActions({
  section,
  appointmentId,
  who,
  m,
  replaceTitle,
  endTitle,
}: {
  section: Section;
  appointmentId: number;
  /** The holder, for screen readers, after the visible words. */
  who: string;
  m: FormLabels;
  replaceTitle: string;
  endTitle: string;
}) {
  const [open, setOpen] = useState<"replace" | "end" | null>(null);
  return (
    <div className="mt-3">
      <div className="flex flex-wrap gap-2">
        <button type="button" className={secondaryButtonCls} aria-expanded={open === "replace"} onClick={() => setOpen(open === "replace" ? null : "replace")}>
          {m["appointments.post.replace"]} <span className="sr-only">{who}</span>
        </button>
        <button type="button" className={`${secondaryButtonCls} text-bad`} aria-expanded={open === "end"} onClick={() => setOpen(open === "end" ? null : "end")}>
          {m["appointments.post.end"]} <span className="sr-only">{who}</span>
        </button>
      </div>
      {open ? (
        <HolderChangeForm
          key={open}
          kind={open}
          section={section}
          appointmentId={appointmentId}
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
  m,
  title,
  onCancel,
}: {
  kind: "replace" | "end";
  section: Section;
  appointmentId: number;
  m: FormLabels;
  title: string;
  onCancel: () => void;
}) {
  // The two actions differ only in the data of their result, which this form never reads.
  const { state, pending, errors, form } = useFormAction((kind === "replace" ? replaceAction : endAction) as FormAction<unknown>);
  const prefix = useId().replace(/:/g, "");
  const box = kind === "replace" ? "border-stone-200 bg-stone-50" : "border-red-200 bg-red-50";
  return (
    <form {...form} noValidate className={`mt-3 space-y-4 rounded-md border p-3 ${box}`} aria-labelledby={`${prefix}-title`} data-testid={`${kind}-form`}>
      <input type="hidden" name="section" value={section} />
      <input type="hidden" name="appointmentId" value={appointmentId} />
      <p className="font-semibold" id={`${prefix}-title`}>
        {title}
      </p>
      {kind === "end" ? <p className="text-sm">{m["appointments.form.endWarning"]}</p> : null}
      <ReasonField m={m} prefix={prefix} error={errors.reason} />
      {kind === "replace" ? <WorkerFields m={m} section={section} errors={errors} prefix={prefix} /> : null}
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
