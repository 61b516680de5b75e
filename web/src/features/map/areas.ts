/**
 * The city's area boundaries (GET /api/city/areas.geojson), fetched once per visit: the map
 * outlines them, and names the arrondissement at its centre (touch screens and keyboards have
 * no hover).
 */
import type { Feature, FeatureCollection, MultiPolygon, Polygon, Position } from "geojson";
import { useEffect, useState } from "react";
import { api } from "../../lib/api.ts";
import type { Localized } from "../../lib/types.ts";

export type AreaFeature = Feature<Polygon | MultiPolygon, { code: string; kind: string; parent: string | null; name: Localized }>;
export interface Areas {
  /** Arrondissements: the finest areas, where reports are placed. */
  leaves: FeatureCollection<Polygon | MultiPolygon, AreaFeature["properties"]>;
  /** Préfectures, made of arrondissements. */
  parents: FeatureCollection<Polygon | MultiPolygon, AreaFeature["properties"]>;
}

let loading: Promise<Areas> | null = null;

function loadAreas(): Promise<Areas> {
  loading ??= api<FeatureCollection<Polygon | MultiPolygon, AreaFeature["properties"]>>("/api/city/areas.geojson").then((all) => {
    const parentCodes = new Set(all.features.map((f) => f.properties.parent));
    const only = (parent: boolean) => ({ ...all, features: all.features.filter((f) => parentCodes.has(f.properties.code) === parent) });
    return { leaves: only(false), parents: only(true) };
  }).catch((err: unknown) => {
    loading = null;
    throw err;
  });
  return loading;
}

/** The areas once loaded; null before, and when they cannot be (the map works without them). */
export function useAreas(): Areas | null {
  const [areas, setAreas] = useState<Areas | null>(null);
  useEffect(() => {
    let live = true;
    loadAreas().then((a) => live && setAreas(a), () => {});
    return () => {
      live = false;
    };
  }, []);
  return areas;
}

/** GeoJSON positions are [lon, lat] (and maybe more we do not need). */
type LonLat = [number, number];

/** Ray casting: does a horizontal ray from the point cross the ring an odd number of times? */
function inRing([x, y]: LonLat, ring: LonLat[]): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i]!;
    const [xj, yj] = ring[j]!;
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

function inPolygon(point: LonLat, rings: Position[][]): boolean {
  const [outer, ...holes] = rings as LonLat[][];
  return !!outer && inRing(point, outer) && !holes.some((hole) => inRing(point, hole));
}

export function areaAt(areas: Areas, lat: number, lon: number): AreaFeature | undefined {
  return areas.leaves.features.find(({ geometry: g }) =>
    (g.type === "Polygon" ? [g.coordinates] : g.coordinates).some((polygon) => inPolygon([lon, lat], polygon)));
}
