/**
 * Coverage's labels: the catalog keys its client components need (the boundary upload), translated on the server
 * with `pick` (lib/i18n/pick.ts) and passed down as plain strings. `coverage.upload.done` keeps its `{n}`.
 */
import type { MessageKey } from "@/lib/i18n";

export const BOUNDARY_UPLOAD_KEYS = [
  "coverage.upload.file",
  "coverage.upload.hint",
  "coverage.upload.submit",
  "coverage.upload.uploading",
  "coverage.upload.choose",
  "coverage.upload.rejected",
  "coverage.upload.tooLarge",
  "coverage.upload.failed",
  "coverage.upload.forbidden",
  "coverage.upload.done",
  "coverage.upload.replace",
] as const satisfies readonly MessageKey[];
export type BoundaryUploadLabels = Record<(typeof BOUNDARY_UPLOAD_KEYS)[number], string>;
