/**
 * Stable identifiers derived from names and numbers: district slugs for URLs (`/districts/baloda-bazar`)
 * and booth display codes (`049-123`). Importers, the seed and pages must derive them the same way, so the
 * rules live here once.
 */

/** "Baloda Bazar" → "baloda-bazar"; "Janjgir-Champa" → "janjgir-champa". */
export function districtSlug(name: string): string {
  return (
    name
      // Strip diacritics (e.g. "Kabirdhām") so a transliterated spelling keeps the same slug.
      .normalize("NFKD")
      .replace(/[\u0300-\u036f]/g, "")
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^-+|-+$/g, "")
  );
}

export const MAX_AC_NO = 999;
/** The code has room for four digits of part number (the DB checks `^[0-9]{3}-[0-9]{3,4}$`). */
export const MAX_PART_NO = 9999;

/** `boothCode(49, 123)` → "049-123"; `boothCode(1, 7)` → "001-007"; part numbers ≥ 1000 use four digits. */
export function boothCode(acNo: number, partNo: number): string {
  if (!Number.isInteger(acNo) || acNo < 1 || acNo > MAX_AC_NO) {
    throw new RangeError(`AC number ${acNo} is not in 1..${MAX_AC_NO}`);
  }
  if (!Number.isInteger(partNo) || partNo < 1 || partNo > MAX_PART_NO) {
    throw new RangeError(`part number ${partNo} is not in 1..${MAX_PART_NO}`);
  }
  return `${String(acNo).padStart(3, "0")}-${String(partNo).padStart(3, "0")}`;
}
