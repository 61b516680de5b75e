/**
 * The demo city: realistic reports spread over Casablanca (weighted by population and by
 * how often each category is reported, in the five ways citizens write, states that follow
 * their age, staff responses), and one demo account per authority plus a city admin.
 * Deterministic for a given size (seeded PRNG), so demos and benchmarks are reproducible.
 */
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { count, eq } from "drizzle-orm";
import type { City, CityRegistry } from "../cities/index.ts";
import type { Config } from "../config.ts";
import { vacuumAnalyze, type Db } from "../db/client.ts";
import { reports, reportStats } from "../db/schema.ts";
import { upsertPrivilegedUser } from "../people/index.ts";
import { refreshAllMonthly } from "../insights/index.ts";
import { importReports, type ImportedReport, type ReportState } from "../reports/index.ts";
import { urgencyOf, type Triage } from "../triage/index.ts";

type Text = { title: string; description: string };
interface TextFile { reports: Record<string, Text[]>; responses?: Record<string, string[]>; comments: string[] }

const demoDir = path.resolve(path.dirname(new URL(import.meta.url).pathname), "../../data/demo");
const readJson = <T>(file: string): T => JSON.parse(fs.readFileSync(path.join(demoDir, file), "utf8")) as T;

/** How citizens of Casablanca write: written language, and the interface language they'd use. */
const WRITING = [
  { code: "fr", ui: "fr", weight: 38 }, { code: "ary", ui: "ar", weight: 20 }, { code: "ary-Latn", ui: "fr", weight: 14 },
  { code: "ar", ui: "ar", weight: 18 }, { code: "en", ui: "en", weight: 10 },
] as const;

/** Relative frequency of categories, after FixMyStreet's mix adapted to a Moroccan city. */
const CATEGORY_WEIGHTS: Record<string, number> = {
  road_damage: 18, waste_collection: 16, street_lighting: 12, illegal_dumping: 10, sidewalk: 8, sewage_drainage: 7, water_leak: 6,
  public_space_occupation: 6, traffic_signals: 4, green_spaces: 4, stray_animals: 3, noise_nuisance: 2, graffiti_vandalism: 2,
  dangerous_structure: 2, public_transport: 2, other: 2,
};

/** Mulberry32: small, fast, good enough for demo data, and seedable. */
function prng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export async function isDatabaseEmpty(db: Db, city: City): Promise<boolean> {
  const [row] = await db.select({ n: count() }).from(reports).where(eq(reports.cityId, city.id));
  return (row?.n ?? 0) === 0;
}

export interface DemoAccount { email: string; password: string; role: string; authority?: string }

/** Up to this many demo reports get a full triage record (urgency reasons for the staff console). */
const TRIAGED_DEMO_REPORTS = 2000;

export async function seedDemo(db: Db, cities: CityRegistry, config: Config, opts: { reports: number; now?: Date; triage?: Triage }): Promise<DemoAccount[]> {
  const city = cities.get(config.citySlug);
  const password = `demo-${randomBytes(6).toString("base64url")}`;
  const domain = `${city.slug}.example.org`;
  const accounts: DemoAccount[] = [{ email: `admin@${domain}`, password, role: "city_admin" }];
  for (const a of city.authorities.values()) accounts.push({ email: `staff.${a.code}@${domain}`, password, role: "staff", authority: a.code });
  for (const acc of accounts) {
    await upsertPrivilegedUser(db, city.id, {
      email: acc.email, password, role: acc.role as "staff", name: acc.authority ? `Demo ${city.authorityByCode.get(acc.authority)!.name.fr}` : "Demo city admin",
      authorityId: acc.authority ? city.authorityByCode.get(acc.authority)!.id : null,
    });
  }
  const items = generateReports(city, opts.reports, opts.now ?? new Date());
  await importReports(db, city, items, (done) => {
    if (opts.reports >= 10_000 && done % 10_000 < 500) process.stderr.write(`  ${done} / ${opts.reports} demo reports\n`);
  });
  // The demo's transparency figures are ready at once, not after the first refresh job.
  await refreshAllMonthly(db);
  await vacuumAnalyze(db, [reports, reportStats]);
  if (opts.triage && opts.reports <= TRIAGED_DEMO_REPORTS) {
    const seeded = await db.select().from(reports).where(eq(reports.cityId, city.id));
    for (const report of seeded) await opts.triage.rescore(db, city, report, opts.now);
  }
  return accounts;
}

export function generateReports(city: City, n: number, now: Date): ImportedReport[] {
  const rand = prng(20260101 + n);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
  const weighted = <T>(xs: readonly T[], w: (x: T) => number): T => {
    const total = xs.reduce((s, x) => s + w(x), 0);
    let r = rand() * total;
    for (const x of xs) if ((r -= w(x)) <= 0) return x;
    return xs.at(-1)!;
  };
  const texts = Object.fromEntries(WRITING.map((w) => [w.code, readJson<TextFile>(`texts.${w.code}.json`)])) as Record<string, TextFile>;
  const responses = { fr: texts.fr!.responses!, ar: texts.ar!.responses!, en: texts.en!.responses! };
  const { given, family } = readJson<{ given: string[]; family: string[] }>("names.json");
  const { streets } = readJson<{ streets: { latn: string; ar: string }[] }>("streets.json");
  const leaves = city.areas.all.filter((a) => a.kind === "arrondissement" && a.population);
  const categories = [...city.categories.values()].filter((c) => c.active);
  const staffName: Record<string, string> = { fr: "Service municipal", ar: "المصلحة الجماعية", en: "City service" };

  const items: ImportedReport[] = [];
  const TWO_YEARS = 730 * 86400_000;
  while (items.length < n) {
    const area = weighted(leaves, (a) => a.population!);
    const [w, s, e, nn] = area.bbox;
    const lat = s + rand() * (nn - s);
    const lon = w + rand() * (e - w);
    if (city.areas.locate(lat, lon)?.area.code !== area.code) continue;
    const category = weighted(categories, (c) => CATEGORY_WEIGHTS[c.code] ?? 1);
    const writing = weighted(WRITING, (x) => x.weight);
    const pool = texts[writing.code]!.reports[category.code] ?? texts.fr!.reports[category.code]!;
    const text = pick(pool);
    const street = pick(streets);
    const fill = (t: string) => t.replaceAll("{street}", writing.code === "ar" || writing.code === "ary" ? street.ar : street.latn);
    // Skewed towards recent: a living city has more open, recent reports.
    const age = Math.floor(TWO_YEARS * rand() ** 1.6);
    const createdAt = new Date(now.getTime() - age - 60_000);
    const staffLang = writing.ui;
    const { state, updates } = lifecycle(createdAt, now, category.targetDays, rand, (st) => pick(responses[staffLang][st] ?? responses[staffLang].in_progress!), staffName[staffLang]!, staffLang);
    const name = `${pick(given)} ${pick(family)}`;
    items.push({
      categoryCode: category.code, lat: Math.round(lat * 1e6) / 1e6, lon: Math.round(lon * 1e6) / 1e6,
      title: fill(text.title).slice(0, 120), description: fill(text.description), language: writing.ui, state,
      // The urgency triage would give (no supporters yet: the database is not there).
      priority: urgencyOf(city, { title: text.title, description: text.description, categoryCode: category.code, state, lat, lon, createdAt }, { now }).score, createdAt, reporterName: name, showName: rand() < 0.3,
      reporterEmail: `${name.toLowerCase().replace(/[^a-z]+/g, ".")}@demo.example.org`, source: "demo", updates,
    });
  }
  return items;
}

/** A plausible history for a report of this age: older reports are more often fixed or closed. */
function lifecycle(createdAt: Date, now: Date, targetDays: number, rand: () => number, response: (state: string) => string, author: string, language: string) {
  const ageDays = (now.getTime() - createdAt.getTime()) / 86400_000;
  const updates: ImportedReport["updates"] = [];
  let state: ReportState = "confirmed";
  let at = createdAt.getTime();
  const step = (to: ReportState, afterDays: number) => {
    const next = at + afterDays * 86400_000;
    if (next >= now.getTime()) return false;
    at = next;
    updates.push({ at: new Date(at), text: response(to), authorName: author, authorRole: "staff", stateFrom: state, stateTo: to, language });
    state = to;
    return true;
  };
  const progress = Math.min(1, ageDays / (targetDays * 3));
  if (rand() < 0.85 * progress + 0.1) {
    if (!step(rand() < 0.2 ? "action_scheduled" : "in_progress", rand() * targetDays * 0.4)) return { state, updates };
    const r = rand();
    if (r < 0.06) step("not_responsible", rand() * 3);
    else if (r < 0.1) step("referred", rand() * 3);
    else if (r < 0.14) step("duplicate", rand() * 2);
    else if (rand() < 0.9 * progress && step("fixed", rand() * targetDays * 1.5) && rand() < 0.5) step("closed", rand() * 10);
  }
  return { state, updates };
}
