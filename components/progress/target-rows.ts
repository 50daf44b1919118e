import { pack, type Packed } from "@/lib/pack";

// Not in targets-table.tsx: a server component that imports a value from a "use client" module gets a client
// reference, not the function.

export interface TargetDisplayRow {
  level: string;
  id: number;
  key: string;
  label: string;
  href: string | null;
  parentId: number | null;
  parentLabel: string | null;
  members: number;
  target: number | null;
  /** "Blocks: 12,000 (3 of 5 set), difference +500", one line per child level. */
  childSums: { text: string; mismatch: boolean }[];
  editable: boolean;
}

/** Every field of TargetDisplayRow, in the order rows are packed for the client (nullable ones last). */
export const TARGET_FIELDS = [
  "level",
  "id",
  "key",
  "label",
  "members",
  "childSums",
  "editable",
  "href",
  "parentId",
  "parentLabel",
  "target",
] as const satisfies readonly (keyof TargetDisplayRow)[];

export const packTargetRows = (rows: readonly TargetDisplayRow[]): Packed<TargetDisplayRow> => pack(rows, TARGET_FIELDS);
