/**
 * The city's area boundaries, fetched once per visit, to draw them on the map (it stays
 * readable when tiles cannot load) and to tell which area the pin falls in — or that it is
 * outside the city, before the server has to say so.
 */
import booleanPointInPolygon from "@turf/boolean-point-in-polygon";
import type { Feature, FeatureCollection, MultiPolygon, Polygon } from "geojson";
import { api } from "../../lib/api.ts";
import type { Localized } from "../../lib/types.ts";
import type { LatLon } from "./draft.ts";

export type AreaFeature = Feature<Polygon | MultiPolygon, { code: string; parent: string | null; name: Localized }>;
export type Areas = FeatureCollection<Polygon | MultiPolygon, AreaFeature["properties"]>;

let loading: Promise<Areas> | null = null;

/** The finest areas only (arrondissements, not the prefectures made of them), as the server places reports. */
export function loadAreas(): Promise<Areas> {
  loading ??= api<Areas>("/api/city/areas.geojson").then((all) => {
    const parents = new Set(all.features.map((f) => f.properties.parent).filter(Boolean));
    return { ...all, features: all.features.filter((f) => !parents.has(f.properties.code)) };
  }).catch((err: unknown) => {
    loading = null;
    throw err;
  });
  return loading;
}

export function areaAt(areas: Areas, { lat, lon }: LatLon): AreaFeature | undefined {
  return areas.features.find((f) => booleanPointInPolygon([lon, lat], f));
}
