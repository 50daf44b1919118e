/**
 * Unit names: Hindi where the unit has one and the viewer reads Hindi. A module of its own (no catalogs), so
 * client components can use it without bundling the message catalogs; `@/lib/i18n` re-exports it.
 */
export function unitName(unit: { name: string; nameHi: string | null }, locale: "en" | "hi"): string {
  return locale === "hi" && unit.nameHi ? unit.nameHi : unit.name;
}
