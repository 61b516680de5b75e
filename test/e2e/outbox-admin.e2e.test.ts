/**
 * Dead letters in Chromium: a message to a citizen keeps failing until it is dead; a city admin
 * opens the outgoing messages page in Arabic (accessible, right-to-left) and in French, sees it
 * with its masked recipient and masked error, never the address itself, and retries it once the
 * provider is back: it goes out and leaves the list.
 */
import type { Browser } from "playwright-core";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { enqueue, MAX_ATTEMPTS } from "../../src/db/outbox.ts";
import { outbox } from "../../src/db/schema.ts";
import { closeWebPlatform, expectAccessible, launchBrowser, newContext, startWebPlatform, watchErrors } from "../support/browser.ts";
import { newStaff } from "../support/factories.ts";
import type { TestPlatform } from "../support/platform.ts";

const PASSWORD = "correct horse battery staple";
let tp: TestPlatform;
let browser: Browser;
let adminEmail: string;
let refusing = true;
const delivered: unknown[] = [];

beforeAll(async () => {
  [tp, browser] = await Promise.all([startWebPlatform(), launchBrowser()]);
  adminEmail = (await (await newStaff(tp, null, "city_admin")).get("/api/session")).body.user.email;
  const { worker, database, cities } = tp.platform.ctx;
  worker.register("test.provider", async (m) => {
    if (refusing) return { ok: false, error: `550 5.1.1 <${(m.payload as { to: string }).to}>: no such mailbox`, retryable: false };
    delivered.push(m.payload);
    return { ok: true };
  });
  await enqueue(database.db, { topic: "test.provider", cityId: cities.get(tp.config.citySlug).id, payload: { to: "salma.idrissi@example.org" } });
  await tp.drain();
  const [row] = await database.db.select().from(outbox).where(eq(outbox.topic, "test.provider"));
  expect(row?.status).toBe("dead");
  expect(row!.attempts).toBeLessThanOrEqual(MAX_ATTEMPTS);
});
afterAll(() => closeWebPlatform(browser, tp));

async function adminPage(lang: "ar" | "fr") {
  const context = await newContext(browser, tp, { lang });
  expect((await context.request.post("/api/session", { data: { email: adminEmail, password: PASSWORD } })).status()).toBe(200);
  const page = await context.newPage();
  return { context, page, errors: watchErrors(page) };
}

describe("outgoing messages, for a city admin", () => {
  it("lists a dead letter masked, in Arabic right-to-left and accessible", async () => {
    const { context, page, errors } = await adminPage("ar");
    await page.goto("/staff/admin/outbox");
    await expect.poll(() => page.getByRole("heading", { level: 1 }).textContent(), { timeout: 10_000 }).toBe("الرسائل الصادرة");
    const dead = page.getByRole("region", { name: "الرسائل الميتة" }).locator("tbody tr");
    await expect.poll(() => dead.count(), { timeout: 10_000 }).toBe(1);
    expect(await dead.first().textContent()).toContain("s•••@example.org");
    expect(await dead.first().textContent()).toContain("550 5.1.1 <s•••@example.org>: no such mailbox");
    expect(await page.content()).not.toContain("salma");
    expect(await page.evaluate(() => document.documentElement.dir)).toBe("rtl");
    await expectAccessible(page, "outbox ar");
    expect(errors).toEqual([]);
    await context.close();
  });

  it("retries it in French: it goes out once and leaves the dead letters", async () => {
    const { context, page, errors } = await adminPage("fr");
    await page.goto("/staff/admin");
    await page.getByRole("link", { name: "Messages sortants" }).click();
    await expect.poll(() => page.getByRole("heading", { level: 1 }).textContent(), { timeout: 10_000 }).toBe("Messages sortants");
    const dead = page.getByRole("region", { name: "Lettres mortes" }).locator("tbody tr");
    await expect.poll(() => dead.count(), { timeout: 10_000 }).toBe(1);
    const id = (await tp.platform.ctx.database.db.select().from(outbox).where(eq(outbox.topic, "test.provider")))[0]!.id;

    refusing = false;
    await page.getByRole("button", { name: `Relancer le message ${id} (test.provider)` }).click();
    await page.getByRole("status").filter({ hasText: `Le message ${id} est remis dans la file.` }).waitFor();
    // The worker was woken by the retry; the list reloads at once, so the message is either
    // waiting or already gone: either way it is no longer dead.
    await page.getByText("Aucune lettre morte : tous les messages sont partis ou sont encore en cours d'essai.").waitFor();
    await expect.poll(() => delivered, { timeout: 10_000 }).toEqual([{ to: "salma.idrissi@example.org" }]);
    const [row] = await tp.platform.ctx.database.db.select().from(outbox).where(eq(outbox.id, id));
    expect(row?.status).toBe("done");
    await expectAccessible(page, "outbox fr");
    expect(errors).toEqual([]);
    await context.close();
  });
});
