"use client";

import { useId, useState } from "react";
import { attendanceAction, createTrainingAction } from "@/lib/trainings/actions";
import { Field, FieldError, SelectField } from "@/components/ui/field";
import { FormMessage } from "@/components/ui/form-message";
import { SubmitButton } from "@/components/ui/submit-button";
import { Table, Td, tdCls, Th } from "@/components/ui/table";
import { useFormAction } from "@/components/ui/use-form-action";
import type { AttendanceLabels, TrainingFormLabels } from "@/lib/i18n/labels/appointments";

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
  const { state, pending, errors, form } = useFormAction(createTrainingAction);
  const id = useId().replace(/:/g, "");
  const [level, setLevel] = useState(levels.includes("district") ? "district" : (levels[0] ?? "district"));
  const [startsOn, setStartsOn] = useState(today);
  const [endsOn, setEndsOn] = useState(addDay(today));
  return (
    <form {...form} noValidate className="grid grid-cols-1 gap-3 sm:grid-cols-2" data-testid="training-form">
      <Field id={`${id}-title`} name="title" label={m["trainings.field.title"]} error={errors.title} maxLength={120} required />
      <Field id={`${id}-place`} name="place" label={m["trainings.field.place"]} error={errors.place} maxLength={120} required />
      <SelectField id={`${id}-level`} name="level" label={m["trainings.field.level"]} value={level} onChange={(e) => setLevel(e.currentTarget.value as typeof level)}>
        {levels.map((l) => (
          <option key={l} value={l}>
            {m[`trainings.level.${l}`]}
          </option>
        ))}
      </SelectField>
      {level !== "state" ? (
        <SelectField id={`${id}-district`} name="districtId" label={m["trainings.field.district"]} defaultValue={defaultDistrict ?? ""} error={errors.districtId}>
          {districts.length > 1 ? <option value="" /> : null}
          {districts.map((d) => (
            <option key={d.id} value={d.id}>
              {d.name}
            </option>
          ))}
        </SelectField>
      ) : null}
      <Field
        id={`${id}-starts`}
        name="startsOn"
        type="date"
        label={m["trainings.field.startsOn"]}
        error={errors.startsOn}
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
        error={errors.endsOn}
        value={endsOn}
        onChange={(e) => setEndsOn(e.currentTarget.value)}
        required
      />
      <div className="sm:col-span-2">
        <FormMessage state={state} id={`${id}-msg`} />
        <SubmitButton pending={pending} pendingLabel={m["appointments.form.submitting"]} className="mt-2">
          {m["trainings.submit"]}
        </SubmitButton>
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
}: {
  trainingId: number;
  rows: AttendanceRow[];
  dayOptions: { value: number; label: string }[];
  m: AttendanceLabels;
}) {
  const { state, pending, errors, form } = useFormAction(attendanceAction);
  const id = useId().replace(/:/g, "");
  return (
    <form {...form} noValidate className="space-y-3" data-testid="attendance-form">
      <input type="hidden" name="trainingId" value={trainingId} />
      <Table
        cards
        label={m["trainings.col.attendance"]}
        head={
          <tr>
            <Th>{m["trainings.col.name"]}</Th>
            <Th>{m["trainings.col.post"]}</Th>
            <Th>{m["trainings.col.attendance"]}</Th>
          </tr>
        }
      >
        {rows.map((r) => {
          const err = errors[`days_${r.workerId}`];
          return (
            <tr key={r.workerId} data-testid={`attendance-${r.workerId}`}>
              {/* The name labels the select, so on a phone's card the name, the select and its error stay together. */}
              <th scope="row" className={`${tdCls} text-left font-normal max-sm:block`}>
                <label htmlFor={`${id}-${r.workerId}`} className="font-semibold">
                  {r.name}
                </label>
                {!r.active ? <span className="block text-xs text-muted">{r.formerLabel}</span> : null}
              </th>
              <Td label={m["trainings.col.post"]}>
                <span>
                  {r.post}
                  <span className="block text-xs text-muted">{r.district}</span>
                </span>
              </Td>
              <Td label={m["trainings.col.attendance"]}>
                {/* Every mark is sent; the server writes (and audits) only those that changed. */}
                <span>
                  <select
                    id={`${id}-${r.workerId}`}
                    name={`days_${r.workerId}`}
                    defaultValue={r.days}
                    aria-invalid={err ? true : undefined}
                    aria-describedby={err ? `${id}-${r.workerId}-error` : undefined}
                    className="min-h-11 max-w-full rounded-md border border-stone-500 bg-white px-2"
                  >
                    {dayOptions.map((o) => (
                      <option key={o.value} value={o.value}>
                        {o.label}
                      </option>
                    ))}
                  </select>
                  <FieldError id={`${id}-${r.workerId}-error`} error={err} />
                </span>
              </Td>
            </tr>
          );
        })}
      </Table>
      <FormMessage state={state} id={`${id}-msg`} />
      <SubmitButton pending={pending} pendingLabel={m["appointments.form.submitting"]}>
        {m["trainings.save"]}
      </SubmitButton>
    </form>
  );
}
