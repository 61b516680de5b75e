/**
 * Point → area lookup. A city has a few dozen polygons: they live in memory behind a
 * Flatbush R-tree of their bounding boxes, and candidates are confirmed by point-in-polygon.
 */
import Flatbush from "flatbush";
import booleanPointInPolygon from "@turf/boolean-point-in-polygon";
import type { AreaGeometry, AreaProperties } from "./cities.schemas.ts";

export interface Area extends AreaProperties {
  geometry: AreaGeometry;
  bbox: [number, number, number, number];
}

export interface Location {
  /** The most detailed area containing the point (an arrondissement). */
  area: Area;
  /** Its enclosing areas, innermost first (e.g. the préfecture). */
  parents: Area[];
}

function bboxOf(geometry: AreaGeometry): [number, number, number, number] {
  let minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity;
  const polygons = geometry.type === "Polygon" ? [geometry.coordinates] : geometry.coordinates;
  for (const polygon of polygons) for (const [x, y] of polygon[0]!) {
    if (x < minX) minX = x; if (x > maxX) maxX = x;
    if (y < minY) minY = y; if (y > maxY) maxY = y;
  }
  return [minX, minY, maxX, maxY];
}

export class AreaIndex {
  readonly all: Area[];
  private readonly byCode: Map<string, Area>;
  private readonly leaves: Area[];
  private readonly tree: Flatbush;

  constructor(areas: { properties: AreaProperties; geometry: AreaGeometry }[]) {
    this.all = areas.map((a) => ({ ...a.properties, geometry: a.geometry, bbox: bboxOf(a.geometry) }));
    this.byCode = new Map(this.all.map((a) => [a.code, a]));
    // Leaves are the areas no other area names as parent: the finest level of the pack.
    const parents = new Set(this.all.map((a) => a.parent).filter(Boolean));
    this.leaves = this.all.filter((a) => !parents.has(a.code));
    this.tree = new Flatbush(this.leaves.length);
    for (const a of this.leaves) this.tree.add(...a.bbox);
    this.tree.finish();
  }

  get(code: string): Area | undefined {
    return this.byCode.get(code);
  }

  locate(lat: number, lon: number): Location | undefined {
    for (const i of this.tree.search(lon, lat, lon, lat)) {
      const area = this.leaves[i]!;
      if (booleanPointInPolygon([lon, lat], area.geometry)) return { area, parents: this.parentsOf(area) };
    }
    return undefined;
  }

  parentsOf(area: Area): Area[] {
    const chain: Area[] = [];
    let code = area.parent;
    while (code) {
      const parent = this.byCode.get(code);
      if (!parent) break;
      chain.push(parent);
      code = parent.parent;
    }
    return chain;
  }

  /** Bounding box of the whole city: [west, south, east, north]. */
  bounds(): [number, number, number, number] {
    return this.leaves.reduce<[number, number, number, number]>((b, a) => [
      Math.min(b[0], a.bbox[0]), Math.min(b[1], a.bbox[1]), Math.max(b[2], a.bbox[2]), Math.max(b[3], a.bbox[3]),
    ], [Infinity, Infinity, -Infinity, -Infinity]);
  }
}
