import "server-only";
import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { states } from "@/db/schema";
import { can } from "@/lib/auth/permissions";
import type { Viewer } from "@/lib/auth/viewer";
import type { CsvProblem } from "@/lib/csv/problems";
import { importBoundaries } from "@/lib/coverage/boundaries";

/**
 * The coverage map's boundary file, uploaded from /coverage by an administrator: the same validated importer as
 * `npm run import -- boundaries` (lib/coverage/boundaries.ts: every problem listed before anything is written,
 * one transaction, the audit event `import.boundaries` with the administrator as its actor).
 */

/** The reference file of Chhattisgarh's 90 seats is about 2 MB; a boundary file ten times that is not one. */
export const MAX_BOUNDARY_BYTES = 20 * 1024 * 1024;

/** May this viewer upload boundaries? Administrators of a whole state (the file covers every seat of it). */
export function canImportBoundaries(viewer: Viewer): boolean {
  return can(viewer, "boundaries.import", "state") && viewer.scope.level === "state";
}

export type BoundaryUpload =
  | { ok: true; changed: boolean; features: number; created: number; updated: number }
  | { ok: false; code: "forbidden" }
  | { ok: false; code: "invalid"; reason: "empty" | "too_large" | "rejected"; problems: CsvProblem[] };

/** The body's bytes, or null once it passes `max` (the rest is not read). */
async function readAtMost(body: ReadableStream<Uint8Array>, max: number): Promise<Uint8Array | null> {
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.length;
    if (size > max) {
      await reader.cancel().catch(() => {});
      return null;
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(size);
  let at = 0;
  for (const c of chunks) {
    bytes.set(c, at);
    at += c.length;
  }
  return bytes;
}

/** Imports the uploaded file (the request body) into the viewer's state; refusals write nothing. */
export async function uploadBoundaries(db: Db, viewer: Viewer, body: ReadableStream<Uint8Array> | null, max = MAX_BOUNDARY_BYTES): Promise<BoundaryUpload> {
  if (!canImportBoundaries(viewer)) return { ok: false, code: "forbidden" };
  const bytes = body ? await readAtMost(body, max) : new Uint8Array(0);
  if (bytes === null) {
    return { ok: false, code: "invalid", reason: "too_large", problems: [{ line: null, message: `the file is larger than ${Math.round(max / 1024 / 1024)} MB` }] };
  }
  if (bytes.length === 0) return { ok: false, code: "invalid", reason: "empty", problems: [{ line: null, message: "the file is empty" }] };
  const [state] = await db.select({ code: states.code }).from(states).where(eq(states.id, viewer.scope.stateId));
  if (!state) return { ok: false, code: "forbidden" };
  const result = await importBoundaries(db, bytes, { stateCode: state.code, actorUserId: viewer.id });
  if (!result.ok) return { ok: false, code: "invalid", reason: "rejected", problems: result.problems };
  return {
    ok: true,
    changed: result.changed,
    features: result.created.boundaries + result.updated.boundaries + result.unchanged,
    created: result.created.boundaries,
    updated: result.updated.boundaries,
  };
}
