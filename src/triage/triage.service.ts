/**
 * AI triage applied to the city: the language and category of a text, its urgency from the
 * category, hazard words, sensitive places nearby, supporters and age, and the open reports
 * it probably repeats. Runs as a citizen types (POST /api/triage), on every new report
 * (stored with the model version, setting the priority), and again when supporters or age
 * change the picture. Staff corrections of the category are kept as training examples.
 */
import {
  distanceM, duplicateScore, DUPLICATE_THRESHOLD, DUPLICATE_WINDOW_DAYS, loadModels, MAX_DUPLICATE_RADIUS_M, scoreUrgency, trigrams,
  type CategoryScore, type Language, type SensitiveKind, type TriageModels, type Urgency,
} from "../ai/index.ts";
import type { Db, Tx } from "../db/client.ts";
import * as repo from "./triage.repo.ts";

type Handle = Db | Tx;

export interface TriageInput {
  text: string;
  lat?: number;
  lon?: number;
  /** The category the citizen chose; without it, urgency follows the most probable one. */
  category?: string;
  /** Leave this report out of the duplicates (itself). */
  excludeReportId?: string;
  at?: Date;
}

export interface DuplicateSuggestion {
  id: string; ref: string; title: string; category: string; state: string; createdAt: Date;
  distance: number; similarity: number; score: number;
}

export interface TriageResult {
  modelVersion: string;
  language: Language;
  languageConfidence: number;
  categories: CategoryScore[];
  confident: boolean;
  urgency: Urgency;
  duplicates: DuplicateSuggestion[];
}

/** What triage needs to know of a city: its categories and sensitive places (and its id, to look for duplicates). */
export interface TriageCity {
  id: string;
  categories: Map<string, { code: string; severity: number; targetDays: number }>;
  places: { kind: string; name: Record<string, string>; lat: number; lon: number }[];
}

const SENSITIVE: SensitiveKind[] = ["school", "hospital", "market"];
const MAX_SUGGESTIONS = 5;

let shared: Promise<TriageModels> | undefined;

export class Triage {
  constructor(readonly models: TriageModels) {}

  /** The shipped models, loaded once per process however many platforms it starts. */
  static async load(): Promise<Triage> {
    return new Triage(await (shared ??= loadModels()));
  }

  get modelVersion(): string {
    return this.models.manifest.version;
  }

  /** Without a database (the command line), no duplicates are looked for. */
  async analyse(db: Handle | undefined, city: TriageCity, input: TriageInput): Promise<TriageResult> {
    const language = this.models.language.identify(input.text);
    const { categories, confident } = this.models.categorizer.classify(input.text);
    const category = city.categories.get(input.category ?? "") ?? city.categories.get(categories[0]?.code ?? "");
    const hasPoint = input.lat !== undefined && input.lon !== undefined;
    const duplicates = hasPoint && db ? await this.findDuplicates(db, city, { ...input, lat: input.lat!, lon: input.lon!, category: category?.code }) : [];
    const urgency = scoreUrgency({
      text: input.text,
      severity: category?.severity ?? 2,
      nearby: hasPoint ? sensitivePlacesNear(city, input.lat!, input.lon!) : [],
      supporters: 0,
    });
    return { modelVersion: this.modelVersion, language: language.language, languageConfidence: language.confidence, categories, confident, urgency, duplicates };
  }

  /** Stores what triage said of a new report, in the transaction that files it (its priority was set from it). */
  async record(tx: Tx, cityId: string, reportId: string, result: TriageResult): Promise<void> {
    await repo.upsertTriage(tx, {
      reportId, cityId, modelVersion: result.modelVersion, language: result.language, languageConfidence: result.languageConfidence,
      categories: result.categories, urgencyScore: result.urgency.score, urgencyFactors: result.urgency.factors,
      duplicates: result.duplicates.map((d) => ({ ref: d.ref, score: d.score, distance: d.distance })),
    });
  }

  /**
   * Urgency again, for a report already filed: after its category changed, another report was
   * marked as its duplicate or a citizen said "me too" (one more citizen either way), it was
   * reopened, or time passed its target. The duplicates found at filing are kept; a priority
   * staff set by hand is not changed.
   */
  async rescore(db: Handle, city: TriageCity, report: ReportForTriage, now = new Date()): Promise<Urgency> {
    const urgency = urgencyOf(city, report, { supporters: await repo.countSupportersOf(db, report.id), now });
    const existing = await repo.findTriage(db, report.id);
    if (existing) {
      await repo.upsertTriage(db, { ...existing, urgencyScore: urgency.score, urgencyFactors: urgency.factors });
    } else {
      const language = this.models.language.identify(reportText(report));
      await repo.upsertTriage(db, {
        reportId: report.id, cityId: city.id, modelVersion: this.modelVersion, language: language.language, languageConfidence: language.confidence,
        categories: this.models.categorizer.classify(reportText(report)).categories, urgencyScore: urgency.score, urgencyFactors: urgency.factors, duplicates: [],
      });
    }
    await repo.setPriority(db, report.id, urgency.score);
    return urgency;
  }

  /** Staff moved a report to another category: a labelled example for the next training. */
  async onCategoryCorrected(tx: Tx, city: TriageCity, report: ReportForTriage, from: string, staffUserId: string): Promise<void> {
    const triage = await repo.findTriage(tx, report.id);
    await repo.insertCorrection(tx, {
      cityId: city.id, reportId: report.id, text: reportText(report), language: triage?.language ?? this.models.language.identify(reportText(report)).language,
      fromCategory: from, toCategory: report.categoryCode, predictedCategory: triage?.categories[0]?.code ?? null,
      modelVersion: triage?.modelVersion ?? null, correctedBy: staffUserId,
    });
    await this.rescore(tx, city, report);
  }

  private async findDuplicates(db: Handle, city: TriageCity, q: TriageInput & { lat: number; lon: number }): Promise<DuplicateSuggestion[]> {
    const at = q.at ?? new Date();
    const dLat = MAX_DUPLICATE_RADIUS_M / 111_320;
    const dLon = dLat / Math.cos((q.lat * Math.PI) / 180);
    const candidates = await repo.findCandidates(db, city.id, { south: q.lat - dLat, north: q.lat + dLat, west: q.lon - dLon, east: q.lon + dLon },
      new Date(at.getTime() - DUPLICATE_WINDOW_DAYS * 86_400_000));
    const vector = trigrams(q.text);
    return candidates
      .filter((c) => c.id !== q.excludeReportId)
      .map((c) => ({ c, match: duplicateScore({ ...q, at }, { category: c.categoryCode, text: `${c.title}. ${c.description}`, lat: c.lat, lon: c.lon, createdAt: c.createdAt }, vector) }))
      .filter(({ match }) => match.score >= DUPLICATE_THRESHOLD)
      .sort((a, b) => b.match.score - a.match.score)
      .slice(0, MAX_SUGGESTIONS)
      .map(({ c, match }) => ({ id: c.id, ref: c.ref, title: c.title, category: c.categoryCode, state: c.state, createdAt: c.createdAt, ...match }));
  }
}

export interface ReportForTriage { id: string; title: string; description: string; categoryCode: string; state: string; lat: number; lon: number; createdAt: Date }

/** The one text triage reads of a report: its title and description, as the citizen's form sends them. */
export const reportText = (r: { title: string; description: string }) => `${r.title}. ${r.description}`;

/** The urgency of a filed report, from what the city knows of it (its supporters counted by the caller). */
export function urgencyOf(city: TriageCity, report: Omit<ReportForTriage, "id">, opts: { supporters?: number; now?: Date } = {}): Urgency {
  const category = city.categories.get(report.categoryCode);
  const now = opts.now ?? new Date();
  return scoreUrgency({
    text: reportText(report),
    severity: category?.severity ?? 2,
    nearby: sensitivePlacesNear(city, report.lat, report.lon),
    supporters: opts.supporters ?? 0,
    // Only work still to do can be late: a fixed report is not overdue however old.
    ageDays: repo.OPEN_STATES.includes(report.state) ? (now.getTime() - report.createdAt.getTime()) / 86_400_000 : undefined,
    targetDays: category?.targetDays,
  });
}

/** The city pack's schools, hospitals and markets, with their distance from a point. */
export function sensitivePlacesNear(city: Pick<TriageCity, "places">, lat: number, lon: number) {
  return city.places.filter((p) => (SENSITIVE as string[]).includes(p.kind)).map((p) => ({
    kind: p.kind as SensitiveKind, name: p.name, distance: distanceM({ lat, lon }, p),
  }));
}
