/**
 * Boundary geometry for the coverage map, drawn as SVG on the server: GeoJSON checks, Douglas–Peucker
 * simplification in degrees, and an equirectangular projection scaled by cos(latitude) — at the size of one
 * state (Chhattisgarh spans ~6° of latitude) it is indistinguishable from the real shape. Pure functions.
 */
export type Position = [number, number];
export type Ring = Position[];
export type Polygon = Ring[];
export type Geometry = { type: "Polygon"; coordinates: Polygon } | { type: "MultiPolygon"; coordinates: Polygon[] };

const isPosition = (p: unknown): p is Position =>
  Array.isArray(p) &&
  p.length >= 2 &&
  typeof p[0] === "number" &&
  typeof p[1] === "number" &&
  Number.isFinite(p[0]) &&
  Number.isFinite(p[1]) &&
  p[0] >= -180 &&
  p[0] <= 180 &&
  p[1] >= -90 &&
  p[1] <= 90;

const isRing = (r: unknown): r is Ring => Array.isArray(r) && r.length >= 4 && r.every(isPosition);
const isPolygon = (p: unknown): p is Polygon => Array.isArray(p) && p.length >= 1 && p.every(isRing);

/** The geometry if it is a valid Polygon or MultiPolygon of lon/lat positions; else a reason. */
export function checkGeometry(g: unknown): { ok: true; geometry: Geometry } | { ok: false; reason: string } {
  if (!g || typeof g !== "object") return { ok: false, reason: "has no geometry" };
  const { type, coordinates } = g as { type?: unknown; coordinates?: unknown };
  if (type === "Polygon") {
    return isPolygon(coordinates)
      ? { ok: true, geometry: { type, coordinates: coordinates.map((r) => r.map(([x, y]) => [x, y] as Position)) } }
      : { ok: false, reason: "is not a valid Polygon (rings of at least 4 lon/lat positions)" };
  }
  if (type === "MultiPolygon") {
    return Array.isArray(coordinates) && coordinates.length > 0 && coordinates.every(isPolygon)
      ? { ok: true, geometry: { type, coordinates: (coordinates as Polygon[]).map((p) => p.map((r) => r.map(([x, y]) => [x, y] as Position))) } }
      : { ok: false, reason: "is not a valid MultiPolygon" };
  }
  return { ok: false, reason: `has geometry type ${JSON.stringify(type)}; only Polygon and MultiPolygon are boundaries` };
}

export function polygonsOf(g: Geometry): Polygon[] {
  return g.type === "Polygon" ? [g.coordinates] : g.coordinates;
}

function perpendicular(p: Position, a: Position, b: Position): number {
  const dx = b[0] - a[0];
  const dy = b[1] - a[1];
  const len2 = dx * dx + dy * dy;
  if (len2 === 0) return Math.hypot(p[0] - a[0], p[1] - a[1]);
  const t = Math.max(0, Math.min(1, ((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / len2));
  return Math.hypot(p[0] - (a[0] + t * dx), p[1] - (a[1] + t * dy));
}

/** Douglas–Peucker (iterative, so long rings cannot overflow the stack); keeps the ring closed. */
export function simplifyRing(ring: Ring, tolerance: number): Ring {
  if (ring.length <= 4) return ring;
  const keep = new Uint8Array(ring.length);
  keep[0] = 1;
  keep[ring.length - 1] = 1;
  const stack: [number, number][] = [[0, ring.length - 1]];
  while (stack.length) {
    const [from, to] = stack.pop()!;
    let worst = -1;
    let worstDist = 0;
    for (let i = from + 1; i < to; i++) {
      const d = perpendicular(ring[i]!, ring[from]!, ring[to]!);
      if (d > worstDist) {
        worstDist = d;
        worst = i;
      }
    }
    if (worst >= 0 && worstDist > tolerance) {
      keep[worst] = 1;
      stack.push([from, worst], [worst, to]);
    }
  }
  const out = ring.filter((_, i) => keep[i] === 1);
  // A closed ring's endpoints coincide, so a tiny ring can collapse to a line: keep the original then.
  return out.length >= 4 ? out : ring;
}

export function simplifyGeometry(g: Geometry, tolerance: number): Polygon[] {
  return polygonsOf(g).map((polygon) => polygon.map((ring) => simplifyRing(ring, tolerance)));
}

export interface Shape {
  id: number;
  polygons: Polygon[];
}

export interface ProjectedShape {
  id: number;
  /** SVG path data (all rings; draw with fill-rule="evenodd" so holes stay holes). */
  d: string;
  /** A point inside-ish the shape for its label: the centroid of its largest outer ring. */
  cx: number;
  cy: number;
}

export interface ProjectedMap {
  width: number;
  height: number;
  shapes: ProjectedShape[];
}

function ringArea(ring: Ring): number {
  let a = 0;
  for (let i = 0; i < ring.length - 1; i++) a += ring[i]![0] * ring[i + 1]![1] - ring[i + 1]![0] * ring[i]![1];
  return a / 2;
}

function ringCentroid(ring: Ring): Position {
  const a = ringArea(ring);
  if (a === 0) return ring[0]!;
  let cx = 0;
  let cy = 0;
  for (let i = 0; i < ring.length - 1; i++) {
    const [x0, y0] = ring[i]!;
    const [x1, y1] = ring[i + 1]!;
    const f = x0 * y1 - x1 * y0;
    cx += (x0 + x1) * f;
    cy += (y0 + y1) * f;
  }
  return [cx / (6 * a), cy / (6 * a)];
}

const round1 = (n: number) => Math.round(n * 10) / 10;

/** Projects lon/lat shapes into a `width`-wide viewBox (height follows the shapes' proportions). */
export function projectShapes(shapes: readonly Shape[], width = 600, pad = 6): ProjectedMap {
  let minLon = Infinity;
  let maxLon = -Infinity;
  let minLat = Infinity;
  let maxLat = -Infinity;
  for (const s of shapes) {
    for (const polygon of s.polygons) {
      for (const [lon, lat] of polygon[0] ?? []) {
        minLon = Math.min(minLon, lon);
        maxLon = Math.max(maxLon, lon);
        minLat = Math.min(minLat, lat);
        maxLat = Math.max(maxLat, lat);
      }
    }
  }
  if (!Number.isFinite(minLon)) return { width, height: width, shapes: [] };
  const kx = Math.cos((((minLat + maxLat) / 2) * Math.PI) / 180);
  const spanX = Math.max((maxLon - minLon) * kx, 1e-9);
  const spanY = Math.max(maxLat - minLat, 1e-9);
  const scale = (width - 2 * pad) / spanX;
  const height = Math.ceil(spanY * scale + 2 * pad);
  const px = (lon: number) => round1(pad + (lon - minLon) * kx * scale);
  const py = (lat: number) => round1(pad + (maxLat - lat) * scale);
  return {
    width,
    height,
    shapes: shapes.map((s) => {
      const parts: string[] = [];
      let largest: Ring | null = null;
      let largestArea = 0;
      for (const polygon of s.polygons) {
        const outer = polygon[0];
        if (outer && Math.abs(ringArea(outer)) > largestArea) {
          largestArea = Math.abs(ringArea(outer));
          largest = outer;
        }
        for (const ring of polygon) {
          let last = "";
          const pts: string[] = [];
          for (const [lon, lat] of ring) {
            const p = `${px(lon)} ${py(lat)}`;
            if (p !== last) pts.push(p);
            last = p;
          }
          if (pts.length >= 3) parts.push(`M${pts.join("L")}Z`);
        }
      }
      const [clon, clat] = largest ? ringCentroid(largest) : [minLon, maxLat];
      return { id: s.id, d: parts.join(""), cx: px(clon), cy: py(clat) };
    }),
  };
}
