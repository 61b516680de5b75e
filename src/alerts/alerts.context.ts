/** What alert services need, passed in: the reports they follow are looked up through the reports domain. */
import type { City } from "../cities/index.ts";
import type { Db } from "../db/client.ts";
import type { Language } from "../i18n/index.ts";

export interface FollowedReport { id: string; ref: string; title: string }

export interface AlertsContext {
  db: Db;
  city: City;
  cityId: string;
  cityName: Record<string, string>;
  defaultLanguage: Language;
  secret: string;
  publicUrl: string;
  /** A public report by reference, or undefined (unknown or not yet published). */
  findPublicReport(ref: string): Promise<FollowedReport | undefined>;
}
