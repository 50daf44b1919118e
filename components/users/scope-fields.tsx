"use client";

import { useState } from "react";
import { SelectField } from "@/components/ui/field";

export type UnitOption = { value: string; label: string };
export type ScopeOptions = { district: UnitOption[]; pc: UnitOption[]; ac: UnitOption[] };

interface Props {
  /** Prefix for element ids, so two forms on one page do not share them. */
  idPrefix?: string;
  options: ScopeOptions;
  roleScopes: Record<string, readonly string[]>;
  labels: Record<string, string>;
  initial: { role: string; level: string; unit: string };
  errors: Record<string, string>;
}

/**
 * Role, area level and area as one controlled group. Changing the role or the level empties the chosen
 * area and the list shows only that level's units, so the form can never send a unit picked from another
 * level's list (the values also carry their level, and the server refuses a mismatch).
 */
export function ScopeFields({ idPrefix = "", options, roleScopes, labels, initial, errors }: Props) {
  const [role, setRole] = useState(initial.role);
  const levels = roleScopes[role] ?? ["state"];
  const [level, setLevel] = useState(levels.includes(initial.level) ? initial.level : levels[0]!);
  const [unit, setUnit] = useState(levels.includes(initial.level) ? initial.unit : "");
  const units = level === "state" ? [] : (options[level as keyof ScopeOptions] ?? []);
  const id = (name: string) => `${idPrefix}${name}`;
  return (
    <>
      <SelectField
        id={id("role")}
        name="role"
        label={labels.role}
        value={role}
        onChange={(e) => {
          const next = e.target.value;
          setRole(next);
          setLevel((roleScopes[next] ?? ["state"])[0]!);
          setUnit("");
        }}
        error={errors.role}
      >
        {Object.keys(roleScopes).map((r) => (
          <option key={r} value={r}>
            {labels[`role.${r}`]}
          </option>
        ))}
      </SelectField>
      <SelectField
        id={id("scopeLevel")}
        name="scopeLevel"
        label={labels.scopeLevel}
        value={level}
        onChange={(e) => {
          setLevel(e.target.value);
          setUnit("");
        }}
        error={errors.scopeLevel}
      >
        {levels.map((l) => (
          <option key={l} value={l}>
            {labels[`level.${l}`]}
          </option>
        ))}
      </SelectField>
      {level !== "state" ? (
        <SelectField
          // Keyed by level: a fresh list per level, never the previous level's options with a new label.
          key={level}
          id={id("unitId")}
          name="unitId"
          label={labels.unit}
          value={unit}
          onChange={(e) => setUnit(e.target.value)}
          error={errors.unitId}
        >
          <option value="">{labels.chooseUnit}</option>
          {units.map((u) => (
            <option key={u.value} value={u.value}>
              {u.label}
            </option>
          ))}
        </SelectField>
      ) : null}
    </>
  );
}
