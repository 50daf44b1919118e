import { SelectField } from "@/components/ui/field";
import type { UnitOption } from "@/lib/geo/queries";
import { unitName, type Locale } from "@/lib/i18n";

/** A filter's choice of one place (a district, a block, a seat) by its key, the first option being "all". */
export function UnitSelect({
  id,
  name,
  label,
  allLabel,
  units,
  value,
  locale,
  frameClassName,
}: {
  id: string;
  name: string;
  label: string;
  allLabel: string;
  units: UnitOption[];
  value?: string | number;
  locale: Locale;
  frameClassName?: string;
}) {
  return (
    <SelectField id={id} name={name} label={label} defaultValue={value ?? ""} frameClassName={frameClassName}>
      <option value="">{allLabel}</option>
      {units.map((u) => (
        <option key={u.id} value={u.key}>
          {unitName(u, locale)}
        </option>
      ))}
    </SelectField>
  );
}
