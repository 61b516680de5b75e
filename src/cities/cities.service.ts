/**
 * The city as the rest of the platform sees it: its pack synced into the database and held
 * in memory (areas index, categories, authorities, routing rules), reloaded after admin edits.
 */
import type { Db } from "../db/client.ts";
import { AreaIndex } from "./cities.areas.ts";
import { loadCityPack, type CityPack } from "./cities.loader.ts";
import { profileFor, type CityProfile } from "./cities.profile.ts";
import { loadCityRows, syncCityPack, type OnCityCreated, type AuthorityRow, type CategoryRow, type CityRow, type GroupRow, type PlaceRow, type RoutingRuleRow } from "./cities.repo.ts";
import type { CityManifest } from "./cities.schemas.ts";

export interface City {
  id: string;
  slug: string;
  manifest: CityManifest;
  profile: Required<CityProfile>;
  areas: AreaIndex;
  groups: GroupRow[];
  categories: Map<string, CategoryRow>;
  authorities: Map<string, AuthorityRow>;
  authorityByCode: Map<string, AuthorityRow>;
  rules: RoutingRuleRow[];
  places: PlaceRow[];
}

export type { AuthorityRow as Authority, CategoryRow as Category, PlaceRow as Place, RoutingRuleRow as RoutingRule };

export class CityRegistry {
  private readonly bySlug = new Map<string, City>();
  private readonly byJurisdiction = new Map<string, City>();
  private readonly packs = new Map<string, CityPack>();
  private readonly reloading = new Map<string, Promise<City>>();

  /** `hooks.onCityCreated` seeds what other domains own of a new city's pack (response templates). */
  constructor(private readonly db: Db, private readonly hooks: { onCityCreated?: OnCityCreated } = {}) {}

  /** Loads a pack from disk, syncs it into the database and keeps the city in memory. */
  async open(citiesDir: string, slug: string): Promise<City> {
    const pack = loadCityPack(citiesDir, slug);
    const row = await syncCityPack(this.db, pack, this.hooks.onCityCreated);
    this.packs.set(slug, pack);
    return this.build(row, pack);
  }

  /** Re-reads the editable configuration after an admin change. */
  async reload(slug: string): Promise<City> {
    const city = this.get(slug);
    const pack = this.packs.get(slug)!;
    // One reload at a time per city, in order of the changes: the last to finish is the last asked,
    // which read the database after every change committed so far.
    const next = (this.reloading.get(slug) ?? Promise.resolve()).catch(() => undefined).then(() => this.build({ id: city.id } as CityRow, pack));
    this.reloading.set(slug, next);
    return next;
  }

  get(slug: string): City {
    const city = this.bySlug.get(slug);
    if (!city) throw new Error(`City "${slug}" is not loaded`);
    return city;
  }

  byJurisdictionId(id: string): City | undefined {
    return this.byJurisdiction.get(id);
  }

  all(): City[] {
    return [...this.bySlug.values()];
  }

  private async build(row: Pick<CityRow, "id">, pack: CityPack): Promise<City> {
    const rows = await loadCityRows(this.db, row.id);
    const city: City = {
      id: row.id,
      slug: pack.manifest.slug,
      manifest: pack.manifest,
      profile: profileFor(pack.manifest.slug),
      areas: new AreaIndex(pack.areas),
      groups: rows.groupRows,
      categories: new Map(rows.categoryRows.map((c) => [c.code, c])),
      authorities: new Map(rows.authorityRows.map((a) => [a.id, a])),
      authorityByCode: new Map(rows.authorityRows.map((a) => [a.code, a])),
      rules: rows.ruleRows,
      places: rows.placeRows,
    };
    this.bySlug.set(city.slug, city);
    this.byJurisdiction.set(pack.manifest.jurisdictionId, city);
    return city;
  }
}
