/**
 * Assembly-seat boundaries: `npm run import -- boundaries FILE.geojson` (a FeatureCollection, or an array of
 * Features, each with an `AC_NO` property and a Polygon/MultiPolygon geometry in lon/lat), and the shapes of
 * the seats in a viewer's scope for the coverage map.
 *
 * The import follows the other importers: every problem is listed before anything is written; one
 * transaction; unchanged seats are not rewritten; seats missing from the file keep their boundary.
 */
import { sql } from "drizzle-orm";
import { queryRows, type DbOrTx } from "@/db/client";
import { decodeUtf8 } from "@/lib/csv/utf8";
import { CsvError, type CsvProblem } from "@/lib/csv/problems";
import { rejected, type ImportOptions, type ImportResult } from "@/lib/csv/import-result";
import { lockImportState, unknownStateProblem, writeImportAudit } from "@/lib/geo/import-geography";
import { checkGeometry, projectShapes, simplifyGeometry, type Geometry, type Polygon, type ProjectedMap } from "@/lib/coverage/map";

export type BoundaryKind = "boundaries";

interface Feature {
  index: number;
  acNo: number;
  geometry: Geometry;
}

function acNoOf(properties: unknown): number | null {
  if (!properties || typeof properties !== "object") return null;
  // Files spell the key AC_NO (the reference file), ac_no or AC_No; any of them will do.
  const entry = Object.entries(properties).find(([k]) => k.toLowerCase() === "ac_no");
  const v = entry?.[1];
  const n = typeof v === "number" ? v : typeof v === "string" && /^\s*[0-9]{1,4}\s*$/.test(v) ? Number(v) : NaN;
  return Number.isInteger(n) && n > 0 ? n : null;
}

/** Reads the features, or lists what is wrong (by feature number, 1-based, as they appear in the file). */
export function readBoundaries(bytes: Uint8Array): { ok: true; features: Feature[] } | { ok: false; problems: CsvProblem[] } {
  let text: string;
  try {
    text = decodeUtf8(bytes);
  } catch (err) {
    if (err instanceof CsvError) return { ok: false, problems: [err.toProblem()] };
    throw err;
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    return { ok: false, problems: [{ line: null, message: `the file is not JSON (${err instanceof Error ? err.message : String(err)})` }] };
  }
  const list = Array.isArray(json)
    ? json
    : json && typeof json === "object" && (json as { type?: unknown }).type === "FeatureCollection"
      ? (json as { features?: unknown }).features
      : null;
  if (!Array.isArray(list)) {
    return { ok: false, problems: [{ line: null, message: "the file is neither a GeoJSON FeatureCollection nor an array of Features" }] };
  }
  if (list.length === 0) return { ok: false, problems: [{ line: null, message: "the file has no features" }] };
  const problems: CsvProblem[] = [];
  const features: Feature[] = [];
  const seen = new Map<number, number>();
  list.forEach((f: unknown, i) => {
    const label = `feature ${i + 1}`;
    const acNo = acNoOf((f as { properties?: unknown } | null)?.properties);
    if (acNo === null) {
      problems.push({ line: null, message: `${label}: no AC_NO property (the assembly seat's number)` });
      return;
    }
    const geometry = checkGeometry((f as { geometry?: unknown }).geometry);
    if (!geometry.ok) {
      problems.push({ line: null, message: `${label} (AC_NO ${acNo}): ${geometry.reason}` });
      return;
    }
    const earlier = seen.get(acNo);
    if (earlier !== undefined) {
      problems.push({ line: null, message: `${label}: AC_NO ${acNo} appears again (first in feature ${earlier})` });
      return;
    }
    seen.set(acNo, i + 1);
    features.push({ index: i + 1, acNo, geometry: geometry.geometry });
  });
  return problems.length ? { ok: false, problems } : { ok: true, features };
}

export async function importBoundaries(db: DbOrTx, bytes: Uint8Array, opts: ImportOptions = {}): Promise<ImportResult<BoundaryKind>> {
  const read = readBoundaries(bytes);
  if (!read.ok) return rejected(read.problems);
  const stateCode = opts.stateCode ?? "CG";
  return db.transaction(async (tx) => {
    const state = await lockImportState(tx, stateCode);
    if (!state) return rejected([unknownStateProblem(stateCode)]);
    const seats = await queryRows<{ id: number; no: number }>(tx, sql`SELECT id, no FROM assembly_seats WHERE state_id = ${state.id}`);
    const seatId = new Map(seats.map((s) => [s.no, s.id]));
    const problems: CsvProblem[] = [];
    for (const f of read.features) {
      if (!seatId.has(f.acNo)) {
        problems.push({ line: null, message: `feature ${f.index}: AC_NO ${f.acNo} is not an assembly seat of ${state.code} (import the geography first)` });
      }
    }
    if (problems.length) return rejected(problems);

    const written = await queryRows<{ inserted: boolean }>(
      tx,
      sql`INSERT INTO ac_boundaries AS b (ac_id, state_id, geometry, imported_at)
        SELECT a, ${state.id}, g::jsonb, now()
        FROM unnest(${sql.param(read.features.map((f) => seatId.get(f.acNo)!))}::int[],
                    ${sql.param(read.features.map((f) => JSON.stringify(f.geometry)))}::text[]) AS t(a, g)
        ON CONFLICT (ac_id) DO UPDATE SET geometry = EXCLUDED.geometry, imported_at = EXCLUDED.imported_at
          WHERE b.geometry IS DISTINCT FROM EXCLUDED.geometry
        RETURNING (xmax = 0) AS inserted`,
    );
    const created = written.filter((w) => w.inserted).length;
    const updated = written.length - created;
    const result = {
      ok: true as const,
      changed: written.length > 0,
      created: { boundaries: created },
      updated: { boundaries: updated },
      removed: { boundaries: 0 },
      unchanged: read.features.length - written.length,
    };
    if (result.changed) {
      await writeImportAudit(tx, state, opts, "import.boundaries", "ac_boundaries", { features: read.features.length, created, updated });
    }
    return result;
  });
}

// ---------------------------------------------------------------------------------------------------------
// Shapes for the map

/** ~200 m: below a pixel when the whole state is 600 px wide, and it shrinks the file ~5 times. */
const SIMPLIFY_DEGREES = 0.002;

const cache = globalThis as unknown as { __sadasyataBoundaries?: { key: string; shapes: Map<number, Polygon[]> } };

/** Simplified shapes by AC id, read once per import (the cache key changes when boundaries are re-imported). */
async function simplifiedShapes(db: DbOrTx, stateId: number): Promise<Map<number, Polygon[]> | null> {
  const [stamp] = await queryRows<{ n: number; at: string | null }>(
    db,
    sql`SELECT count(*)::int AS n, max(imported_at)::text AS at FROM ac_boundaries WHERE state_id = ${stateId}`,
  );
  if (!stamp || stamp.n === 0) return null;
  const key = `${stateId}|${stamp.n}|${stamp.at}`;
  if (cache.__sadasyataBoundaries?.key === key) return cache.__sadasyataBoundaries.shapes;
  const rows = await queryRows<{ ac_id: number; geometry: unknown }>(db, sql`SELECT ac_id, geometry FROM ac_boundaries WHERE state_id = ${stateId}`);
  const shapes = new Map<number, Polygon[]>();
  for (const r of rows) {
    const geometry = checkGeometry(typeof r.geometry === "string" ? JSON.parse(r.geometry) : r.geometry);
    if (geometry.ok) shapes.set(r.ac_id, simplifyGeometry(geometry.geometry, SIMPLIFY_DEGREES));
  }
  cache.__sadasyataBoundaries = { key, shapes };
  return shapes;
}

/**
 * The seats `acIds` (those of the viewer's scope) projected to fit one SVG, or null when no boundaries were
 * imported. Seats without a boundary are left out.
 */
export async function boundaryMap(db: DbOrTx, stateId: number, acIds: readonly number[], width = 600): Promise<ProjectedMap | null> {
  const shapes = await simplifiedShapes(db, stateId);
  if (!shapes) return null;
  const wanted = acIds.filter((id) => shapes.has(id)).map((id) => ({ id, polygons: shapes.get(id)! }));
  if (wanted.length === 0) return null;
  return projectShapes(wanted, width);
}
