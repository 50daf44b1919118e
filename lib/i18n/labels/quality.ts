/**
 * The review queue's labels: the catalog keys its client component (the table with its selection and
 * decisions) needs, translated on the server with `pick` and passed down as plain strings.
 * `quality.selectRow` and `quality.selected` keep their placeholders, filled in the browser.
 */
import type { MessageKey } from "@/lib/i18n";

export const QUEUE_TABLE_KEYS = [
  "quality.table",
  "quality.col.select",
  "quality.col.no",
  "quality.col.name",
  "quality.col.place",
  "quality.col.enroller",
  "quality.col.reasons",
  "quality.col.flagged",
  "quality.selectAll",
  "quality.selectRow",
  "quality.selected",
  "quality.note",
  "quality.noteHint",
  "quality.confirm",
  "quality.void",
  "quality.restore",
  "quality.restoreNote",
  "quality.working",
  "quality.cancel",
  "quality.voidTitle",
  "quality.voidBody",
  "quality.voidConfirm",
] as const satisfies readonly MessageKey[];
export type QueueTableLabels = Record<(typeof QUEUE_TABLE_KEYS)[number], string>;
