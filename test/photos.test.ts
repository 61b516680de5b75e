/**
 * Photos over real HTTP (multipart): re-encoding to a bounded JPEG without EXIF, the
 * thumbnail, placing the pin from EXIF GPS, refusals (type, size, count) that store nothing,
 * who may see the photos of an unconfirmed report, photos on updates, links in the authority's e-mail.
 */
import fs from "node:fs";
import path from "node:path";
import exifr from "exifr";
import sharp from "sharp";
import { count } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { outbox, reports } from "../src/db/schema.ts";
import { Client, linkIn, tokenOf } from "./support/http.ts";
import { newStaff, places } from "./support/factories.ts";
import { startTestPlatform, type TestPlatform } from "./support/platform.ts";

let tp: TestPlatform;
let citizen: Client;
let voirie: Client;

/** Decimal degrees → EXIF rational triple "d/1 m/1 s*100/100" as libvips expects it. */
function dms(deg: number): string {
  const abs = Math.abs(deg);
  const d = Math.floor(abs);
  const m = Math.floor((abs - d) * 60);
  const s = Math.round(((abs - d) * 60 - m) * 60 * 100);
  return `${d}/1 ${m}/1 ${s}/100`;
}

/** Corniche d'Aïn Diab, arrondissement Anfa: well away from where the pins of these tests go. */
const gpsPoint = { lat: 33.5930, lon: -7.6700 };

/** A noisy picture, so the encoder has real work and sizes mean something. */
async function picture(width: number, height: number) {
  const noise = await sharp({ create: { width: Math.ceil(width / 8), height: Math.ceil(height / 8), channels: 3, background: "#808080", noise: { type: "gaussian", mean: 128, sigma: 40 } } })
    .png().toBuffer();
  return sharp(noise).resize(width, height, { kernel: "nearest" });
}

let jpegWithGps: Buffer;
let jpegWithoutGps: Buffer;
let png: Buffer;
let webp: Buffer;

async function makeImages() {
  jpegWithGps = await (await picture(3000, 2000))
    .withExif({
      IFD0: { Make: "BaladiyaTestCam", Model: "Model 7", Software: "secret-software", Artist: "Amina Tazi" },
      IFD3: { GPSLatitudeRef: "N", GPSLatitude: dms(gpsPoint.lat), GPSLongitudeRef: "W", GPSLongitude: dms(gpsPoint.lon) },
    })
    .jpeg({ quality: 90 }).toBuffer();
  jpegWithoutGps = await (await picture(1600, 1200)).withExif({ IFD0: { Make: "BaladiyaTestCam" } }).jpeg().toBuffer();
  png = await (await picture(800, 600)).png().toBuffer();
  webp = await (await picture(1200, 900)).webp().toBuffer();
}

type Upload = { data: Buffer; name: string; type: string };
const jpg = (data: Buffer, name = "photo.jpg"): Upload => ({ data, name, type: "image/jpeg" });

let n = 0;
/** The multipart form of a report: every field as text, files under `photos`. */
function reportForm(files: Upload[], overrides: Record<string, string | undefined> = {}) {
  n++;
  const fields: Record<string, string | undefined> = {
    lat: String(places.sidiMoumen.lat), lon: String(places.sidiMoumen.lon), category: "road_damage",
    title: `Pothole with photo number ${n}`, description: "See the photo: the hole is getting bigger every day.", language: "fr",
    "reporter.email": `photographer${n}@example.org`, "reporter.name": "Karim Bennani", "reporter.showName": "true",
    ...overrides,
  };
  const form = new FormData();
  for (const [k, v] of Object.entries(fields)) if (v !== undefined) form.append(k, v);
  for (const f of files) form.append("photos", new Blob([new Uint8Array(f.data)], { type: f.type }), f.name);
  return { form, email: fields["reporter.email"]!, title: fields.title! };
}

const postForm = (client: Client, url: string, form: FormData) => client.request("POST", url, { form });

const reportCount = async () => (await tp.platform.ctx.database.db.select({ n: count() }).from(reports))[0]!.n;
const outboxCount = async () => (await tp.platform.ctx.database.db.select({ n: count() }).from(outbox))[0]!.n;
function storedFiles(): string[] {
  const root = tp.config.uploadDir;
  if (!fs.existsSync(root)) return [];
  return (fs.readdirSync(root, { recursive: true, withFileTypes: true }) as fs.Dirent[])
    .filter((d) => d.isFile()).map((d) => path.join(d.parentPath ?? (d as unknown as { path: string }).path, d.name));
}
const pathOf = (url: string) => url.slice(tp.url.length);

/** Confirms an anonymous report through the link e-mailed to its reporter, then sends it on. */
async function confirm(ref: string, email: string, title: string) {
  await tp.drain();
  const mail = tp.mailbox.to(email).find((m) => m.subject?.includes(title));
  const r = await citizen.post(`/api/reports/${ref}/confirm`, { token: tokenOf(linkIn(mail!.text, `${tp.url}/r/${ref}/confirm?token=`)) });
  expect(r.status).toBe(200);
  await tp.drain();
}

/** Asserts that a served file is a JPEG with no metadata left to leak. */
async function expectCleanJpeg(bytes: Buffer) {
  expect(Buffer.isBuffer(bytes)).toBe(true);
  expect([...bytes.subarray(0, 3)]).toEqual([0xff, 0xd8, 0xff]);
  const meta = await sharp(bytes).metadata();
  expect(meta.format).toBe("jpeg");
  expect(meta.exif).toBeUndefined();
  expect(meta.xmp).toBeUndefined();
  expect(meta.iptc).toBeUndefined();
  expect(await exifr.gps(bytes).catch(() => undefined)).toBeUndefined();
  const tags = await exifr.parse(bytes, true).catch(() => undefined);
  expect(tags?.Make).toBeUndefined();
  expect(tags?.GPSLatitude).toBeUndefined();
  expect(bytes.includes("BaladiyaTestCam")).toBe(false);
  expect(bytes.includes("secret-software")).toBe(false);
  return meta;
}

beforeAll(async () => {
  [tp] = await Promise.all([startTestPlatform(), makeImages()]);
  citizen = new Client(tp.url);
  voirie = await newStaff(tp, "voirie");
});
afterAll(async () => tp?.close());

describe("the test images", () => {
  it("really carry EXIF with GPS in Casablanca (or none, for the one without)", async () => {
    const gps = await exifr.gps(jpegWithGps);
    expect(gps.latitude).toBeCloseTo(gpsPoint.lat, 4);
    expect(gps.longitude).toBeCloseTo(gpsPoint.lon, 4);
    expect((await exifr.parse(jpegWithGps)).Make).toBe("BaladiyaTestCam");
    expect(await sharp(jpegWithGps).metadata()).toMatchObject({ width: 3000, height: 2000, format: "jpeg" });
    expect(await exifr.gps(jpegWithoutGps).catch(() => undefined)).toBeUndefined();
  });
});

describe("a report with a photo", () => {
  let ref: string;
  let photo: { id: string; url: string; thumbnailUrl: string; width: number; height: number };
  let email: string;
  let title: string;

  it("is filed (201) with the pin it was given, not the photo's GPS", async () => {
    const filesBefore = storedFiles().length;
    const f = reportForm([jpg(jpegWithGps)]);
    ({ email, title } = f);
    const r = await postForm(citizen, "/api/reports", f.form);
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({ state: "open", area: "sidi-moumen", confirmationRequired: true, authority: { code: "voirie" } });
    ref = r.body.ref;
    // One full image and one thumbnail on disk.
    expect(storedFiles().length).toBe(filesBefore + 2);
  });

  it("shows its managers the photo before confirmation: a JPEG ≤ 2048 px without EXIF or GPS, and a thumbnail", async () => {
    const page = await voirie.get(`/api/reports/${ref}`);
    expect(page.status).toBe(200);
    expect(page.body.report.reporter.email).toBe(email);
    expect(page.body.report.photos).toHaveLength(1);
    photo = page.body.report.photos[0];
    expect(photo).toMatchObject({ width: 2048, height: 1365 });
    expect(photo.url).toBe(`${tp.url}/api/photos/${photo.id}.jpg`);
    expect(photo.thumbnailUrl).toBe(`${tp.url}/api/photos/${photo.id}.thumb.jpg`);

    const full = await voirie.get(pathOf(photo.url));
    expect(full.status).toBe(200);
    expect(full.headers.get("content-type")).toBe("image/jpeg");
    expect(full.headers.get("x-content-type-options")).toBe("nosniff");
    const meta = await expectCleanJpeg(full.body);
    expect(Math.max(meta.width!, meta.height!)).toBe(2048);
    expect(meta.width! / meta.height!).toBeCloseTo(1.5, 2);

    const thumb = await voirie.get(pathOf(photo.thumbnailUrl));
    expect(thumb.status).toBe(200);
    const thumbMeta = await expectCleanJpeg(thumb.body);
    expect(Math.max(thumbMeta.width!, thumbMeta.height!)).toBe(400);
    expect(thumb.body.length).toBeLessThan(full.body.length);
  });

  it("hides the photos of the unconfirmed report from the public and from other authorities", async () => {
    expect((await citizen.get(`/api/reports/${ref}`)).status).toBe(404);
    const anonymous = await citizen.get(pathOf(photo.url));
    expect(anonymous.status).toBe(404);
    expect(anonymous.headers.get("content-type")).toContain("application/problem+json");
    expect((await citizen.get(pathOf(photo.thumbnailUrl))).status).toBe(404);
    const lighting = await newStaff(tp, "eclairage-public");
    expect((await lighting.get(pathOf(photo.url))).status).toBe(404);
  });

  it("publishes the photos with the report, and the authority's e-mail links to them", async () => {
    await confirm(ref, email, title);
    const page = await citizen.get(`/api/reports/${ref}`);
    expect(page.status).toBe(200);
    expect(page.body.report.photos.map((p: { id: string }) => p.id)).toEqual([photo.id]);
    const full = await citizen.get(pathOf(photo.url));
    expect(full.status).toBe(200);
    await expectCleanJpeg(full.body);
    // The public list shows the thumbnail.
    const list = await citizen.get(`/api/reports?area=sidi-moumen`);
    expect(list.body.items.find((i: { ref: string }) => i.ref === ref)?.thumbnailUrl).toBe(photo.thumbnailUrl);

    const [mail] = tp.mailbox.to("voirie@casablanca.example.org").filter((m) => m.subject?.includes(ref));
    expect(mail?.text).toContain(`Photos : ${photo.url}`);
  });

  it("ignores a picture's claimed name and type: a PNG and a WebP are re-encoded to JPEG at their own size", async () => {
    const f = reportForm([{ data: png, name: "plan.png", type: "image/png" }, { data: webp, name: "street.jpg", type: "application/octet-stream" }]);
    const r = await postForm(citizen, "/api/reports", f.form);
    expect(r.status).toBe(201);
    await confirm(r.body.ref, f.email, f.title);
    const page = await citizen.get(`/api/reports/${r.body.ref}`);
    const photos = page.body.report.photos as { url: string; width: number; height: number }[];
    expect(photos.map((p) => [p.width, p.height]).sort()).toEqual([[1200, 900], [800, 600]]);
    for (const p of photos) {
      const bytes = await citizen.get(pathOf(p.url));
      const meta = await expectCleanJpeg(bytes.body);
      expect([meta.width, meta.height]).toEqual([p.width, p.height]);
    }
    // The authority's e-mail lists both, one link per line.
    const [mail] = tp.mailbox.to("voirie@casablanca.example.org").filter((m) => m.subject?.includes(r.body.ref));
    for (const p of photos) expect(mail?.text).toContain(p.url);
  });
});

describe("placing the pin from the photo", () => {
  it("takes the location from EXIF GPS when lat/lon are omitted", async () => {
    const f = reportForm([jpg(jpegWithGps)], { lat: undefined, lon: undefined });
    const r = await postForm(citizen, "/api/reports", f.form);
    expect(r.status).toBe(201);
    expect(r.body.area).toBe("anfa");
    const page = await voirie.get(`/api/reports/${r.body.ref}`);
    expect(page.body.report.lat).toBeCloseTo(gpsPoint.lat, 4);
    expect(page.body.report.lon).toBeCloseTo(gpsPoint.lon, 4);
    expect(page.body.report.prefecture).toBe("pref-casablanca-anfa");
    // The GPS placed the pin, and still did not survive in the served file.
    await expectCleanJpeg((await voirie.get(pathOf(page.body.report.photos[0].url))).body);
  });

  it("uses the first photo that has GPS", async () => {
    const f = reportForm([jpg(jpegWithoutGps), jpg(jpegWithGps)], { lat: undefined, lon: undefined });
    const r = await postForm(citizen, "/api/reports", f.form);
    expect(r.status).toBe(201);
    expect(r.body.area).toBe("anfa");
  });
});

describe("refused uploads store nothing", () => {
  const cases: [string, () => { form: FormData }, number, string, RegExp][] = [
    ["a photo without GPS and no pin", () => reportForm([jpg(jpegWithoutGps)], { lat: undefined, lon: undefined }), 422, "lat", /no location/],
    ["a text file named photo.jpg sent as image/jpeg", () => reportForm([jpg(Buffer.from("just some text, not a picture\n".repeat(50)))]), 415, "photos[0]", /JPEG, PNG, WebP or HEIC/],
    ["a good photo followed by a text file", () => reportForm([jpg(jpegWithGps), jpg(Buffer.from("<?php echo 1; ?>"), "b.jpg")]), 415, "photos[1]", /JPEG, PNG, WebP or HEIC/],
    ["a file over 10 MB", () => reportForm([jpg(Buffer.concat([jpegWithGps, Buffer.alloc(10 * 1024 * 1024 + 1024, 0x20)]))]), 413, "photos[0]", /at most 10 MB/],
    ["six photos", () => reportForm(Array.from({ length: 6 }, (_, i) => ({ data: png, name: `p${i}.png`, type: "image/png" }))), 413, "photos", /At most 5 photos/],
    ["a photo with a bad field", () => reportForm([jpg(jpegWithGps)], { title: "ab" }), 400, "title", /./],
    ["a photo outside the area served", () => reportForm([jpg(jpegWithGps)], { lat: String(places.ocean.lat), lon: String(places.ocean.lon) }), 422, "lat", /./],
  ];
  it.each(cases)("%s", async (_name, make, status, field, message) => {
    const [reportsBefore, outboxBefore, filesBefore] = [await reportCount(), await outboxCount(), storedFiles()];
    const r = await postForm(new Client(tp.url, "en"), "/api/reports", make().form);
    expect(r.status).toBe(status);
    expect(r.headers.get("content-type")).toContain("application/problem+json");
    expect(r.body.field).toBe(field);
    expect(r.body.errors[0].message).toMatch(message);
    expect(await reportCount()).toBe(reportsBefore);
    expect(await outboxCount()).toBe(outboxBefore);
    expect(storedFiles()).toEqual(filesBefore);
  });

  it("a file over 10 MB is refused naming that photo and the size limit, not the count", async () => {
    const filesBefore = storedFiles();
    const r = await postForm(new Client(tp.url, "en"), "/api/reports", reportForm([jpg(jpegWithGps), jpg(Buffer.alloc(11 * 1024 * 1024, 0xff))]).form);
    expect(r.status).toBe(413);
    expect(r.body.field).toBe("photos[1]");
    expect(r.body.errors[0].message).toBe("Each photo must be at most 10 MB");
    expect(storedFiles()).toEqual(filesBefore);
  });

  it("six photos are refused with the photo count limit", async () => {
    const r = await postForm(new Client(tp.url, "en"), "/api/reports", reportForm(Array.from({ length: 6 }, () => ({ data: png, name: "p.png", type: "image/png" }))).form);
    expect(r.status).toBe(413);
    expect(r.body.errors[0].message).toBe("At most 5 photos");
  });

  it("five photos are still fine", async () => {
    const r = await postForm(citizen, "/api/reports", reportForm(Array.from({ length: 5 }, () => ({ data: png, name: "p.png", type: "image/png" }))).form);
    expect(r.status).toBe(201);
    expect((await voirie.get(`/api/reports/${r.body.ref}`)).body.report.photos).toHaveLength(5);
  });
});

describe("a photo on an update", () => {
  it("is attached to that update, not to the report, and served with it", async () => {
    const f = reportForm([jpg(jpegWithoutGps)]);
    const created = await postForm(citizen, "/api/reports", f.form);
    expect(created.status).toBe(201);
    const ref = created.body.ref as string;
    await confirm(ref, f.email, f.title);
    const reportPhotoIds = (await citizen.get(`/api/reports/${ref}`)).body.report.photos.map((p: { id: string }) => p.id);
    expect(reportPhotoIds).toHaveLength(1);

    const form = new FormData();
    form.append("text", "Repair crew on site: the hole is being filled.");
    form.append("state", "in_progress");
    form.append("photos", new Blob([new Uint8Array(jpegWithGps)], { type: "image/jpeg" }), "crew.jpg");
    const update = await postForm(voirie, `/api/reports/${ref}/updates`, form);
    expect(update.status).toBe(201);
    expect(update.body).toMatchObject({ visibility: "public", stateFrom: "confirmed", stateTo: "in_progress", text: "Repair crew on site: the hole is being filled." });
    expect(update.body.photos).toHaveLength(1);
    const updatePhoto = update.body.photos[0];
    expect(updatePhoto).toMatchObject({ width: 2048, height: 1365 });
    expect(reportPhotoIds).not.toContain(updatePhoto.id);

    const page = await citizen.get(`/api/reports/${ref}`);
    expect(page.body.report.state).toBe("in_progress");
    expect(page.body.report.photos.map((p: { id: string }) => p.id)).toEqual(reportPhotoIds);
    const shown = page.body.updates.find((u: { id: string }) => u.id === update.body.id);
    expect(shown.photos.map((p: { id: string }) => p.id)).toEqual([updatePhoto.id]);
    await expectCleanJpeg((await citizen.get(pathOf(updatePhoto.url))).body);
  });

  it("a photo on an internal note is served to the report's managers only", async () => {
    const f = reportForm([]);
    const created = await postForm(citizen, "/api/reports", f.form);
    await confirm(created.body.ref, f.email, f.title);
    const form = new FormData();
    form.append("text", "Contractor's invoice photo, internal.");
    form.append("visibility", "internal");
    form.append("photos", new Blob([new Uint8Array(jpegWithoutGps)], { type: "image/jpeg" }), "note.jpg");
    const note = await postForm(voirie, `/api/reports/${created.body.ref}/updates`, form);
    expect(note.status).toBe(201);
    const url = pathOf(note.body.photos[0].url);
    expect((await voirie.get(url)).status).toBe(200);
    expect((await citizen.get(url)).status).toBe(404);
    expect((await citizen.get(url.replace(".jpg", ".thumb.jpg"))).status).toBe(404);
  });

  it("a refused update photo stores nothing", async () => {
    const { ref } = await (async () => {
      const f = reportForm([]);
      const r = await postForm(citizen, "/api/reports", f.form);
      await confirm(r.body.ref, f.email, f.title);
      return r.body;
    })();
    const filesBefore = storedFiles();
    const form = new FormData();
    form.append("text", "Here is a picture");
    form.append("photos", new Blob([new TextEncoder().encode("%PDF-1.4 not an image")], { type: "image/jpeg" }), "x.jpg");
    const r = await postForm(voirie, `/api/reports/${ref}/updates`, form);
    expect(r.status).toBe(415);
    expect(r.body.field).toBe("photos[0]");
    expect(storedFiles()).toEqual(filesBefore);
    expect((await citizen.get(`/api/reports/${ref}`)).body.updates).toHaveLength(0);
  });
});
