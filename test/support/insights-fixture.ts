/**
 * A small fixed data set for the transparency figures, built through the real API (reports
 * filed and confirmed by their reporters, moved by staff, "Is it really fixed?" answered from
 * the e-mailed link), then its instants set by SQL so every figure can be computed by hand.
 *
 * June 2026 (clock start = filing = confirmation, UTC):
 *   voirie (road_damage, target 14 days)
 *     R1 maarif       Jun 1 00:00  ack +2 h  fixed +24 h   satisfaction: fixed, 5
 *     R2 maarif       Jun 2 00:00  ack +4 h  fixed +240 h  satisfaction: fixed, 4   photo before, staff photo after
 *     R3 hayHassani   Jun 3 00:00  ack +6 h  fixed +480 h, then closed
 *     R4 hayHassani   Jun 4 00:00  ack +8 h  in progress
 *     R5 sidiMoumen   Jun 5 00:00  confirmed, never acknowledged
 *   eclairage-public (street_lighting, target 7 days)
 *     L1 sidiMoumen   Jun 6 00:00  ack +1 h  fixed +48 h   satisfaction: fixed, 3
 *     L2 maarif       Jun 7 00:00  ack +3 h  fixed +72 h   satisfaction: not fixed, 1 → reopened
 *   and outside the figures: O1 (voirie, May 20, fixed) and U1 (June, never confirmed).
 */
import sharp from "sharp";
import { sql } from "drizzle-orm";
import { Client, linkIn } from "./http.ts";
import { newConfirmedReport, newReportBody, newStaff, places } from "./factories.ts";
import type { TestPlatform } from "./platform.ts";

const H = 3_600_000;
export const JUNE = (day: number) => new Date(Date.UTC(2026, 5, day));

export interface FixtureReport {
  key: string;
  ref: string;
  email: string;
  title: string;
  lat: number;
  lon: number;
}

/** R1 sits off the rounding grid, to see coordinates rounded to 4 decimals. */
const R1_PLACE = { lat: 33.587349, lon: -7.633051 };

async function photo(color: string): Promise<Blob> {
  const data = await sharp({ create: { width: 640, height: 480, channels: 3, background: color } }).jpeg().toBuffer();
  return new Blob([new Uint8Array(data)], { type: "image/jpeg" });
}

/** Files a report with one photo (multipart) and confirms it from the e-mailed link. */
async function reportWithPhoto(tp: TestPlatform, overrides: Record<string, unknown>) {
  const body = newReportBody(overrides);
  const form = new FormData();
  for (const [k, v] of Object.entries(body)) if (k !== "reporter") form.append(k, String(v));
  const reporter = body.reporter as Record<string, unknown>;
  for (const [k, v] of Object.entries(reporter)) form.append(`reporter.${k}`, String(v));
  form.append("photos", await photo("#8a5a2b"), "before.jpg");
  const client = new Client(tp.url);
  const created = await client.request("POST", "/api/reports", { form });
  if (created.status !== 201) throw new Error(`create failed: ${JSON.stringify(created.body)}`);
  await tp.drain();
  const mail = tp.mailbox.to(reporter.email as string).find((m) => m.subject?.includes(body.title as string));
  const token = new URL(linkIn(mail!.text, `${tp.url}/r/${created.body.ref}/confirm?token=`)).searchParams.get("token")!;
  const confirmed = await client.post(`/api/reports/${created.body.ref}/confirm`, { token });
  if (confirmed.status !== 200) throw new Error(`confirm failed: ${JSON.stringify(confirmed.body)}`);
  await tp.drain();
  return { ref: created.body.ref as string, body };
}

export async function buildInsightsFixture(tp: TestPlatform) {
  const voirie = await newStaff(tp, "voirie");
  const eclairage = await newStaff(tp, "eclairage-public");
  const db = tp.platform.ctx.database.db;
  const reports = new Map<string, FixtureReport>();

  async function add(key: string, overrides: Record<string, unknown>, withPhoto = false) {
    const { ref, body } = withPhoto ? await reportWithPhoto(tp, overrides) : await newConfirmedReport(tp, overrides);
    const r = { key, ref, email: (body.reporter as { email: string }).email, title: body.title as string, lat: body.lat as number, lon: body.lon as number };
    reports.set(key, r);
    return r;
  }
  async function move(staff: Client, ref: string, state: string, text: string, after?: Blob) {
    const form = new FormData();
    form.append("text", text);
    form.append("state", state);
    if (after) form.append("photos", after, "after.jpg");
    const r = await staff.request("POST", `/api/reports/${ref}/updates`, { form });
    if (r.status !== 201) throw new Error(`update ${ref} → ${state} failed: ${JSON.stringify(r.body)}`);
    await tp.drain();
  }
  async function answer(r: FixtureReport, fixed: boolean, score: number) {
    const mail = tp.mailbox.to(r.email).findLast((m) => (m.text ?? "").includes(`/r/${r.ref}?feedback=`));
    const token = new URL(linkIn(mail!.text, `${tp.url}/r/${r.ref}?feedback=`)).searchParams.get("feedback")!;
    const res = await new Client(tp.url).post(`/api/reports/${r.ref}/fix-feedback`, { fixed, score, token });
    if (res.status !== 200) throw new Error(`feedback ${r.ref} failed: ${JSON.stringify(res.body)}`);
    await tp.drain();
  }
  /** Sets the instants: filing and confirmation at `start`, acknowledgement and fix after it. */
  async function times(r: FixtureReport, start: Date, ackH: number | null, fixH: number | null) {
    const at = (h: number | null) => (h === null ? null : new Date(start.getTime() + h * H).toISOString());
    await db.execute(sql`update reports set created_at = ${start.toISOString()}, confirmed_at = ${start.toISOString()},
      acknowledged_at = ${at(ackH)}, fixed_at = ${at(fixH)} where ref = ${r.ref}`);
  }

  const road = { category: "road_damage" };
  const light = { category: "street_lighting" };
  const r1 = await add("R1", { ...road, ...R1_PLACE, title: "Nid-de-poule devant la pharmacie" });
  const r2 = await add("R2", { ...road, ...places.maarif, title: "Chaussée effondrée boulevard Zerktouni" }, true);
  const r3 = await add("R3", { ...road, ...places.hayHassani, title: "Trou profond rue 12" });
  const r4 = await add("R4", { ...road, ...places.hayHassani, title: "Bordure cassée près de l'école" });
  const r5 = await add("R5", { ...road, ...places.sidiMoumen, title: "Route ravinée après la pluie" });
  const l1 = await add("L1", { ...light, ...places.sidiMoumen, title: "Lampadaire éteint place centrale" });
  const l2 = await add("L2", { ...light, ...places.maarif, title: "Éclairage clignotant avenue" });
  const o1 = await add("O1", { ...road, ...places.maarif, title: "Ancien trou de mai" });

  await move(voirie, r1.ref, "fixed", "Trou rebouché.");
  await move(voirie, r2.ref, "fixed", "Chaussée refaite.", await photo("#2b6e8a"));
  await move(voirie, r3.ref, "fixed", "Réparé.");
  await move(voirie, r3.ref, "closed", "Dossier clos.");
  await move(voirie, r4.ref, "in_progress", "Équipe programmée.");
  await move(eclairage, l1.ref, "fixed", "Lampe changée.");
  await move(eclairage, l2.ref, "fixed", "Câble réparé.");
  await move(voirie, o1.ref, "fixed", "Réparé en mai.");
  await answer(r1, true, 5);
  await answer(r2, true, 4);
  await answer(l1, true, 3);
  await answer(l2, false, 1);

  await times(r1, JUNE(1), 2, 24);
  await times(r2, JUNE(2), 4, 240);
  await times(r3, JUNE(3), 6, 480);
  await times(r4, JUNE(4), 8, null);
  await times(r5, JUNE(5), null, null);
  await times(l1, JUNE(6), 1, 48);
  await times(l2, JUNE(7), 3, 72);
  await times(o1, new Date(Date.UTC(2026, 4, 20)), 1, 30);

  // Filed in June but never confirmed: not public, in no figure.
  const unconfirmed = await new Client(tp.url).post("/api/reports", newReportBody({ ...road, ...places.maarif, title: "Jamais confirmé" }));
  if (unconfirmed.status !== 201) throw new Error(`create failed: ${JSON.stringify(unconfirmed.body)}`);
  await db.execute(sql`update reports set created_at = ${JUNE(10).toISOString()} where ref = ${unconfirmed.body.ref}`);
  // The figures are cached a few seconds; times written behind the services' back are not seen as changes.
  tp.platform.ctx.listCache.invalidate(tp.platform.ctx.cities.get(tp.config.citySlug).id);
  return { reports, unconfirmedRef: unconfirmed.body.ref as string, voirie, eclairage };
}

export const JUNE_QUERY = "from=2026-06-01&to=2026-06-30";
