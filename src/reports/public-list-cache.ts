/**
 * The public report list is what every map view asks for, again and again, for the same
 * viewports; its answer only changes when a city's reports do. Serialized answers are kept per
 * city and query, with an ETag, and dropped at once when this process changes the city's
 * reports. Another instance's writes show up within `ttlMs` (the bound on staleness when
 * several instances share a database).
 */
import { createHash } from "node:crypto";
import { LRUCache } from "lru-cache";

export interface CachedList {
  body: string;
  etag: string;
  contentType: string;
  /** For answers dated by their content (feeds): the Last-Modified header. */
  lastModified?: string;
}

export class PublicListCache {
  readonly #entries: LRUCache<string, CachedList>;
  /** Bumped by every change of a city's reports: older keys are never asked for again and age out. */
  readonly #generation = new Map<string, number>();

  constructor(opts: { maxEntries?: number; ttlMs?: number } = {}) {
    this.#entries = new LRUCache({ max: opts.maxEntries ?? 2000, ttl: opts.ttlMs ?? 5000 });
  }

  #key(cityId: string, query: string): string {
    return `${cityId}\u0000${this.#generation.get(cityId) ?? 0}\u0000${query}`;
  }

  get(cityId: string, query: string): CachedList | undefined {
    return this.#entries.get(this.#key(cityId, query));
  }

  set(cityId: string, query: string, body: string, contentType: string, lastModified?: string): CachedList {
    const entry = { body, contentType, lastModified, etag: `"${createHash("sha1").update(body).digest("base64url")}"` };
    this.#entries.set(this.#key(cityId, query), entry);
    return entry;
  }

  invalidate(cityId: string): void {
    this.#generation.set(cityId, (this.#generation.get(cityId) ?? 0) + 1);
  }
}
