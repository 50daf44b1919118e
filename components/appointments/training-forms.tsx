"use client";

import { useId, useState } from "react";
import { attendanceAction, createTrainingAction } from "@/lib/trainings/actions";
import { buttonCls, Field, FormMessage, inputCls, useFormAction } from "./form-kit";
import type { AttendanceLabels, TrainingFormLabels } from "./labels";

function addDay(day: string): string {
  const d = new Date(`${day}T00:00:00Z`);
  if (Number.isNaN(d.getTime())) return "";
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

export function TrainingForm({
  m,
  levels,
  districts,
  defaultDistrict,
  today,
}: {
  m: TrainingFormLabels;
  levels: ("state" | "district" | "block")[];
  districts: { id: number; name: string }[];
  defaultDistrict?: number;
  today: string;
}) {
  const { state, onSubmit, pending, ref } = useFormAction(createTrainingAction);
  const id = useId().replace(/:/g, "");
  const errors = state && !state.ok ? state.fieldErrors : undefined;
  const [level, setLevel] = useState(levels.includes("district") ? "district" : (levels[0] ?? "district"));
  const [startsOn, setStartsOn] = useState(today);
  const [endsOn, setEndsOn] = useState(addDay(today));
  return (
    <form ref={ref} onSubmit={onSubmit} noValidate className="grid grid-cols-1 gap-3 sm:grid-cols-2" data-testid="training-form">
      <Field id={`${id}-title`} name="title" label={m["trainings.field.title"]} error={errors?.title} maxLength={120} required />
      <Field id={`${id}-place`} name="place" label={m["trainings.field.place"]} error={errors?.place} maxLength={120} required />
      <div>
        <label htmlFor={`${id}-level`} className="block text-sm font-semibold">
          {m["trainings.field.level"]}
        </label>
        <select id={`${id}-level`} name="level" value={level} onChange={(e) => setLevel(e.currentTarget.value as typeof level)} className={inputCls}>
          {levels.map((l) => (
            <option key={l} value={l}>
              {m[`trainings.level.${l}`]}
            </option>
          ))}
        </select>
      </div>
      {level !== "state" ? (
        <div>
          <label htmlFor={`${id}-district`} className="block text-sm font-semibold">
            {m["trainings.field.district"]}
          </label>
          <select
            id={`${id}-district`}
            name="districtId"
            defaultValue={defaultDistrict ?? ""}
            aria-invalid={errors?.districtId ? true : undefined}
            aria-describedby={errors?.districtId ? `${id}-district-error` : undefined}
            className={inputCls}
          >
            {districts.length > 1 ? <option value="" /> : null}
            {districts.map((d) => (
              <option key={d.id} value={d.id}>
                {d.name}
              </option>
            ))}
          </select>
          <p id={`${id}-district-error`} className="mt-1 text-sm text-bad empty:hidden">
            {errors?.districtId ?? ""}
          </p>
        </div>
      ) : null}
      <Field
        id={`${id}-starts`}
        name="startsOn"
        type="date"
        label={m["trainings.field.startsOn"]}
        error={errors?.startsOn}
        value={startsOn}
        onChange={(e) => {
          const v = e.currentTarget.value;
          // Two-day sessions are the usual shape: moving the first day moves the last day with it.
          if (endsOn === addDay(startsOn) || endsOn < v) setEndsOn(addDay(v));
          setStartsOn(v);
        }}
        required
      />
      <Field
        id={`${id}-ends`}
        name="endsOn"
        type="date"
        label={m["trainings.field.endsOn"]}
        hint={m["trainings.field.endsOnHint"]}
        error={errors?.endsOn}
        value={endsOn}
        onChange={(e) => setEndsOn(e.currentTarget.value)}
        required
      />
      <div className="sm:col-span-2">
        <FormMessage state={state} id={`${id}-msg`} />
        <button type="submit" className={`${buttonCls} mt-2`} disabled={pending}>
          {pending ? m["appointments.form.submitting"] : m["trainings.submit"]}
        </button>
      </div>
    </form>
  );
}

export interface AttendanceRow {
  workerId: number;
  name: string;
  post: string;
  district: string;
  active: boolean;
  days: number;
  formerLabel: string;
}

/** One select per chief enroller (0 … the session's days). */
export function AttendanceForm({
  trainingId,
  rows,
  dayOptions,
  m,
  labels,
}: {
  trainingId: number;
  rows: AttendanceRow[];
  dayOptions: { value: number; label: string }[];
  m: AttendanceLabels;
  labels: { name: string; post: string; attendance: string };
}) {
  const { state, onSubmit, pending } = useFormAction(attendanceAction);
  const id = useId().replace(/:/g, "");
  const errors = state && !state.ok ? state.fieldErrors : undefined;
  return (
    <form onSubmit={onSubmit} noValidate className="space-y-3" data-testid="attendance-form">
      <input type="hidden" name="trainingId" value={trainingId} />
      <div className="relative overflow-x-auto rounded-lg border border-stone-200 bg-white">
        <table className="w-full text-sm">
          <thead className="border-b border-stone-200 bg-stone-50 text-left text-xs uppercase text-muted">
            <tr>
              <th scope="col" className="px-3 py-2">
                {labels.name}
              </th>
              <th scope="col" className="px-3 py-2">
                {labels.post}
              </th>
              <th scope="col" className="px-3 py-2">
                {labels.attendance}
              </th>
            </tr>
          </thead>
          <tbody className="divide-y divide-stone-100">
            {rows.map((r) => {
              const err = errors?.[`days_${r.workerId}`];
              return (
                <tr key={r.workerId} data-testid={`attendance-${r.workerId}`}>
                  <th scope="row" className="px-3 py-2 text-left font-semibold">
                    <label htmlFor={`${id}-${r.workerId}`}>{r.name}</label>
                    {!r.active ? <span className="block text-xs font-normal text-muted">{r.formerLabel}</span> : null}
                  </th>
                  <td className="px-3 py-2">
                    {r.post}
                    <span className="block text-xs text-muted">{r.district}</span>
                  </td>
                  <td className="px-3 py-2">
                    {/* Every mark is sent; the server writes (and audits) only those that changed. */}
                    <select
                      id={`${id}-${r.workerId}`}
                      name={`days_${r.workerId}`}
                      defaultValue={r.days}
                      aria-invalid={err ? true : undefined}
                      aria-describedby={err ? `${id}-${r.workerId}-error` : undefined}
                      className="min-h-11 rounded-md border border-stone-300 bg-white px-2"
                    >
                      {dayOptions.map((o) => (
                        <option key={o.value} value={o.value}>
                          {o.label}
                        </option>
                      ))}
                    </select>
                    <p id={`${id}-${r.workerId}-error`} className="mt-1 text-sm text-bad empty:hidden">
                      {err ?? ""}
                    </p>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      <FormMessage state={state} id={`${id}-msg`} />
      <button type="submit" className={buttonCls} disabled={pending}>
        {pending ? m["appointments.form.submitting"] : m["trainings.save"]}
      </button>
    </form>
  );
}
