/**
 * The levels of the geography, top first: a state, its Lok Sabha seats (pc) and assembly seats (ac) on the
 * electoral side, its districts and blocks on the organisational side, and booths under both. The one name
 * for this union: permissions, scope, progress pages, targets and exports all speak of a `GeoLevel`.
 */
export const GEO_LEVELS = ["state", "pc", "ac", "district", "block", "booth"] as const;
export type GeoLevel = (typeof GEO_LEVELS)[number];

/** A booth as pickers and lists label it: its code and name, with its assembly seat's number and name. */
export interface BoothLabel {
  code: string;
  name: string;
  nameHi: string | null;
  acNo: number;
  acName: string;
  acNameHi: string | null;
}
