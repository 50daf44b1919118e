import { describe, expect, it } from "vitest";
import { checkGeometry, projectShapes, simplifyRing, type Ring } from "@/lib/coverage/map";

describe("boundary geometry", () => {
  it("accepts Polygons and MultiPolygons of lon/lat and refuses the rest", () => {
    const ring = [[81, 21], [82, 21], [82, 22], [81, 21]];
    expect(checkGeometry({ type: "Polygon", coordinates: [ring] }).ok).toBe(true);
    expect(checkGeometry({ type: "MultiPolygon", coordinates: [[ring], [ring]] }).ok).toBe(true);
    expect(checkGeometry({ type: "Polygon", coordinates: [[[81, 21], [82, 21], [81, 21]]] }).ok).toBe(false);
    expect(checkGeometry({ type: "Polygon", coordinates: [[[81, 21], [182, 21], [82, 22], [81, 21]]] }).ok).toBe(false);
    expect(checkGeometry({ type: "LineString", coordinates: ring }).ok).toBe(false);
    expect(checkGeometry(null).ok).toBe(false);
  });

  it("simplifies a ring within the tolerance and keeps it closed", () => {
    // A square with many nearly collinear points along its edges.
    const ring: Ring = [];
    for (let i = 0; i <= 100; i++) ring.push([i / 100, (i % 2) * 0.0001]);
    ring.push([1, 1], [0, 1], [0, 0]);
    const out = simplifyRing(ring, 0.001);
    expect(out.length).toBeLessThan(10);
    expect(out[0]).toEqual(out[out.length - 1]);
    expect(out).toContainEqual([1, 1]);
    expect(simplifyRing(ring, 0).length).toBe(ring.length);
  });

  it("projects shapes into the viewBox, north up, with a label point inside", () => {
    const square = (x: number, y: number) => [[[x, y], [x + 1, y], [x + 1, y + 1], [x, y + 1], [x, y]] as Ring];
    const map = projectShapes([{ id: 1, polygons: [square(80, 20)] }, { id: 2, polygons: [square(81, 21)] }], 600, 0);
    expect(map.width).toBe(600);
    // cos(21°) makes a degree of longitude narrower than a degree of latitude.
    expect(map.height).toBeGreaterThan(600);
    const [a, b] = map.shapes;
    expect(a!.d.startsWith("M0 ")).toBe(true);
    expect(b!.cy).toBeLessThan(a!.cy);
    expect(b!.cx).toBeGreaterThan(a!.cx);
    for (const s of map.shapes) {
      const nums = s.d.match(/-?[0-9.]+/g)!.map(Number);
      expect(Math.min(...nums)).toBeGreaterThanOrEqual(0);
      expect(Math.max(...nums)).toBeLessThanOrEqual(map.height);
    }
  });
});
