"use client";

import { useActionState, useState } from "react";
import type { ActionResult } from "@/lib/errors";

type Option = { id: number; label: string };
interface Props {
  action: (prev: ActionResult | null, form: FormData) => Promise<ActionResult>;
  options: { district: Option[]; pc: Option[]; ac: Option[] };
  roleScopes: Record<string, readonly string[]>;
  labels: Record<string, string>;
}

/** New-user form: the scope choices follow the role; errors show next to their fields. */
export function NewUserForm({ action, options, roleScopes, labels }: Props) {
  const [state, formAction, pending] = useActionState(action, null);
  const [role, setRole] = useState("district_president");
  const levels = roleScopes[role] ?? ["state"];
  const [level, setLevel] = useState<string>(levels[0]!);
  const effectiveLevel = levels.includes(level) ? level : levels[0]!;
  const errors = state && !state.ok ? (state.fieldErrors ?? {}) : {};
  const typed = state && !state.ok ? (state.values ?? {}) : {};
  const field = (name: string) => ({
    "aria-invalid": errors[name] ? true : undefined,
    "aria-describedby": errors[name] ? `${name}-error` : undefined,
  });
  const err = (name: string) =>
    errors[name] ? (
      <p id={`${name}-error`} className="mt-1 text-sm text-bad">
        {errors[name]}
      </p>
    ) : null;
  const input = "mt-1 block w-full rounded-md border border-stone-300 px-3 py-2";
  const units = effectiveLevel === "state" ? [] : options[effectiveLevel as "district" | "pc" | "ac"];
  return (
    <form action={formAction} className="grid gap-4 sm:grid-cols-2" noValidate>
      <div>
        <label htmlFor="email" className="text-sm font-semibold">{labels.email}</label>
        <input id="email" name="email" type="email" autoComplete="off" defaultValue={typed.email} className={input} {...field("email")} />
        {err("email")}
      </div>
      <div>
        <label htmlFor="name" className="text-sm font-semibold">{labels.name}</label>
        <input id="name" name="name" defaultValue={typed.name} className={input} {...field("name")} />
        {err("name")}
      </div>
      <div>
        <label htmlFor="role" className="text-sm font-semibold">{labels.role}</label>
        <select id="role" name="role" value={role} onChange={(e) => setRole(e.target.value)} className={input} {...field("role")}>
          {Object.keys(roleScopes).map((r) => (
            <option key={r} value={r}>{labels[`role.${r}`]}</option>
          ))}
        </select>
        {err("role")}
      </div>
      <div>
        <label htmlFor="scopeLevel" className="text-sm font-semibold">{labels.scopeLevel}</label>
        <select id="scopeLevel" name="scopeLevel" value={effectiveLevel} onChange={(e) => setLevel(e.target.value)} className={input} {...field("scopeLevel")}>
          {levels.map((l) => (
            <option key={l} value={l}>{labels[`level.${l}`]}</option>
          ))}
        </select>
        {err("scopeLevel")}
      </div>
      {units.length > 0 ? (
        <div>
          <label htmlFor="unitId" className="text-sm font-semibold">{labels.unit}</label>
          <select
            // React resets a form after its action; remounting with what was sent keeps the chosen area
            // (a controlled select would instead overwrite a choice made before hydration).
            key={`${effectiveLevel}-${typed.unitId ?? ""}-${state ? "sent" : "new"}`}
            id="unitId"
            name="unitId"
            defaultValue={typed.unitId}
            className={input}
            {...field("unitId")}
          >
            {units.map((u) => (
              <option key={u.id} value={u.id}>{u.label}</option>
            ))}
          </select>
          {err("unitId")}
        </div>
      ) : null}
      <div>
        <label htmlFor="password" className="text-sm font-semibold">{labels.password}</label>
        <input id="password" name="password" type="password" autoComplete="new-password" className={input} {...field("password")} />
        {err("password")}
      </div>
      <div className="sm:col-span-2">
        <p role="status" aria-live="polite" className={`min-h-5 text-sm font-semibold ${state?.ok ? "text-ok" : "text-bad"}`}>
          {state ? (state.ok ? state.message : state.message) : null}
        </p>
        <button type="submit" disabled={pending} className="mt-2 rounded-md bg-brand-600 px-4 py-2 font-semibold text-white disabled:opacity-60">
          {labels.create}
        </button>
      </div>
    </form>
  );
}
