/**
 * The city's area boundaries (GET /api/city/areas.geojson), fetched once per visit and shared
 * by every map: they are drawn (a map stays readable when tiles cannot load), and they tell
 * which arrondissement a point falls in — or that it is outside the city, before the server
 * has to say so.
 */
import booleanPointInPolygon from "@turf/boolean-point-in-polygon";
import type { Feature, FeatureCollection, MultiPolygon, Polygon } from "geojson";
import { useEffect, useState } from "react";
import { api } from "./api.ts";
import type { Localized } from "./types.ts";

export type AreaFeature = Feature<Polygon | MultiPolygon, { code: string; kind: string; parent: string | null; name: Localized }>;
export type AreaCollection = FeatureCollection<Polygon | MultiPolygon, AreaFeature["properties"]>;
export interface Areas {
  /** Arrondissements: the finest areas, where the server places reports. */
  leaves: AreaCollection;
  /** Préfectures, made of arrondissements. */
  parents: AreaCollection;
}

let loading: Promise<Areas> | null = null;

export function loadAreas(): Promise<Areas> {
  loading ??= api<AreaCollection>("/api/city/areas.geojson").then((all) => {
    const parentCodes = new Set(all.features.map((f) => f.properties.parent));
    const only = (parent: boolean) => ({ ...all, features: all.features.filter((f) => parentCodes.has(f.properties.code) === parent) });
    return { leaves: only(false), parents: only(true) };
  }).catch((err: unknown) => {
    loading = null; // a later map may try again (offline now, online then)
    throw err;
  });
  return loading;
}

/** The areas once loaded; null before, and when they cannot be (every map works without them). */
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

/** The arrondissement at a point, if any. */
export function areaAt(areas: Areas, { lat, lon }: { lat: number; lon: number }): AreaFeature | undefined {
  return areas.leaves.features.find((f) => booleanPointInPolygon([lon, lat], f));
}
