/** Factories: valid inputs and accounts, so each test states only what it is about. */
import type { TestPlatform } from "./platform.ts";
import { Client } from "./http.ts";
import { upsertPrivilegedUser } from "../../src/people/index.ts";

/** Points inside known arrondissements of Casablanca. */
export const places = {
  /** Boulevard Mohammed V, city centre. */
  sidiBelyout: { lat: 33.5962, lon: -7.6160 },
  /** Twin Center, Maârif. */
  maarif: { lat: 33.5873, lon: -7.6330 },
  /** Hay Hassani. */
  hayHassani: { lat: 33.5560, lon: -7.6760 },
  /** Sidi Moumen. */
  sidiMoumen: { lat: 33.5830, lon: -7.5250 },
  /** The Atlantic, off the corniche: outside every area. */
  ocean: { lat: 33.65, lon: -7.70 },
};

let n = 0;
export function newReportBody(overrides: Record<string, unknown> = {}) {
  n++;
  return {
    ...places.maarif,
    category: "road_damage",
    title: `Deep pothole number ${n} on boulevard Zerktouni`,
    description: "The hole is about 40 cm wide and cars swerve to avoid it.",
    language: "fr",
    reporter: { name: "Amina Tazi", email: `amina${n}@example.org`, phone: "+212 600 000 000", showName: false },
    ...overrides,
  };
}

export async function newStaff(tp: TestPlatform, authorityCode: string | null, role: "staff" | "city_admin" | "superadmin" = "staff") {
  const city = tp.platform.ctx.cities.get(tp.config.citySlug);
  const email = `${role}.${authorityCode ?? "city"}.${++n}@example.org`;
  const password = "correct horse battery staple";
  await upsertPrivilegedUser(tp.platform.ctx.database.db, city.id, {
    email, name: `Staff ${authorityCode ?? role}`, role, password,
    authorityId: authorityCode ? city.authorityByCode.get(authorityCode)!.id : null,
  });
  return new Client(tp.url).signIn(email, password);
}

/** Files a report as an anonymous citizen and confirms it through the e-mailed link. */
export async function newConfirmedReport(tp: TestPlatform, overrides: Record<string, unknown> = {}) {
  const client = new Client(tp.url);
  const body = newReportBody(overrides);
  const created = await client.post("/api/reports", body);
  if (created.status !== 201) throw new Error(`create failed: ${JSON.stringify(created.body)}`);
  await tp.drain();
  const mail = tp.mailbox.to(body.reporter.email as string).find((m) => m.subject?.includes(body.title as string));
  const token = new URL(mail!.text!.match(/https?:\/\/\S+confirm\?token=\S+/)![0]).searchParams.get("token")!;
  const confirmed = await client.post(`/api/reports/${created.body.ref}/confirm`, { token });
  if (confirmed.status !== 200) throw new Error(`confirm failed: ${JSON.stringify(confirmed.body)}`);
  await tp.drain();
  return { ref: created.body.ref as string, id: created.body.id as string, body };
}

/** A citizen account created through the API, its address verified by the mailed link (unless verified: false), signed in. */
export async function newCitizen(tp: TestPlatform, opts: { verified?: boolean; language?: "ar" | "fr" | "en" } = {}) {
  const email = `citizen.${++n}@example.org`;
  const password = "correct horse battery staple";
  const client = new Client(tp.url);
  const created = await client.post("/api/account", { email, password, name: `Citoyen ${n}`, language: opts.language ?? "fr" });
  if (created.status !== 201) throw new Error(`sign-up failed: ${JSON.stringify(created.body)}`);
  if (opts.verified !== false) {
    await tp.drain();
    const mail = tp.mailbox.to(email).at(-1);
    const token = new URL(mail!.text!.match(/https?:\/\/\S+\/account\/verify\?token=\S+/)![0]).searchParams.get("token")!;
    const verified = await client.post("/api/account/verify", { token });
    if (verified.status !== 200) throw new Error(`verify failed: ${JSON.stringify(verified.body)}`);
  }
  await client.signIn(email, password);
  return Object.assign(client, { email, id: created.body.id as string });
}
