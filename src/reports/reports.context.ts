/** What report services need from the outside world, passed in (no globals). */
import type { City } from "../cities/index.ts";
import type { Db } from "../db/client.ts";
import type { Triage } from "../triage/index.ts";
import type { PhotoStore } from "./reports.photos.ts";

export interface ReportsContext {
  db: Db;
  city: City;
  photos: PhotoStore;
  triage: Triage;
  secret: string;
  publicUrl: string;
}
