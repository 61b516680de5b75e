/**
 * Accounts and e-mailed links in a real browser: sign up and confirm the address, sign in and
 * see "my reports", reset a forgotten password, publish a report from its confirmation link,
 * follow and unfollow a report by e-mail. In Arabic and French; axe on each page.
 */
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Client, linkIn } from "../support/http.ts";
import { newReportBody, places } from "../support/factories.ts";
import { closeWebPlatform, expectAccessible, launchBrowser, newContext, screenshot, startWebPlatform, watchErrors } from "../support/browser.ts";
import type { TestPlatform } from "../support/platform.ts";

let tp: TestPlatform;
let browser: Browser;

beforeAll(async () => {
  [tp, browser] = await Promise.all([startWebPlatform(), launchBrowser()]);
});
afterAll(() => closeWebPlatform(browser, tp));

/** The newest mail to an address whose text holds a link starting with `prefix`, once the worker sent it. */
async function linkFor(email: string, prefix: string): Promise<string> {
  for (let i = 0; i < 50; i++) {
    const mail = tp.mailbox.to(email).reverse().find((m) => m.text?.includes(prefix));
    if (mail) return linkIn(mail.text, prefix);
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`no mail to ${email} with ${prefix}`);
}

async function open(context: BrowserContext, path: string): Promise<{ page: Page; errors: string[] }> {
  const page = await context.newPage();
  const errors = watchErrors(page);
  await page.goto(path);
  return { page, errors };
}

describe("a citizen account, in Arabic", () => {
  const email = "amal.benali@example.org";
  const password = "une phrase de passe longue";

  it("signs up, confirms the address from the e-mail, and sees their reports", async () => {
    const context = await newContext(browser, tp, { lang: "ar", viewport: { width: 360, height: 740 } });
    const { page, errors } = await open(context, "/signup");
    expect(await page.getAttribute("html", "dir")).toBe("rtl");
    await expectAccessible(page, "sign-up ar");
    await page.getByLabel("اسمك").fill("أمل بنعلي");
    await page.getByLabel("البريد الإلكتروني").fill(email);
    await page.getByLabel("كلمة المرور").fill(password);
    await page.getByRole("button", { name: "أنشئ حسابي" }).click();
    await expect.poll(() => page.getByRole("status").textContent()).toContain("تم إنشاء حسابك");
    await screenshot(page, "signup-done-ar");

    const verify = new URL(await linkFor(email, `${tp.url}/account/verify?token=`));
    await page.goto(verify.pathname + verify.search);
    await expect.poll(() => page.locator("main").textContent()).toContain("تم تأكيد بريدك الإلكتروني");

    // A report filed while signed in is theirs and skips the e-mail confirmation.
    const api = new Client(tp.url);
    await api.signIn(email, password);
    const filed = await api.post("/api/reports", newReportBody({ ...places.sidiBelyout, language: "ar", title: "عمود إنارة مطفأ قرب المحطة" }));
    expect(filed.body.confirmationRequired).toBe(false);
    await page.goto("/me");
    await expect.poll(() => page.locator("main").textContent()).toContain("عمود إنارة مطفأ قرب المحطة");
    await expectAccessible(page, "my reports ar");
    await screenshot(page, "my-reports-ar");
    expect(errors).toEqual([]);
    await context.close();
  });
});

describe("in French", () => {
  it("a wrong password is said plainly; a reset link sets a new one that works", async () => {
    const email = "karim.tazi@example.org";
    await new Client(tp.url).post("/api/account", { email, password: "ancien mot de passe", name: "Karim Tazi", language: "fr" });
    const context = await newContext(browser, tp, { lang: "fr" });
    const { page, errors } = await open(context, "/signin");
    await expectAccessible(page, "sign-in fr");
    await page.getByLabel("Adresse e-mail").fill(email);
    await page.getByLabel("Mot de passe").fill("pas le bon mot de passe");
    await page.getByRole("button", { name: "Se connecter" }).click();
    await expect.poll(() => page.getByRole("alert").textContent()).toContain("incorrect");
    await screenshot(page, "signin-error-fr");

    await page.getByRole("link", { name: "Mot de passe oublié ?" }).click();
    await page.getByLabel("Adresse e-mail").fill(email);
    await page.getByRole("button", { name: "Envoyer le lien" }).click();
    await expect.poll(() => page.getByRole("status").textContent()).toContain("Si un compte utilise cette adresse");
    const reset = new URL(await linkFor(email, `${tp.url}/account/reset?token=`));
    await page.goto(reset.pathname + reset.search);
    await page.getByLabel("Nouveau mot de passe").fill("nouveau mot de passe solide");
    await page.getByRole("button", { name: "Enregistrer le nouveau mot de passe" }).click();
    await expect.poll(() => page.getByRole("status").textContent()).toContain("Votre mot de passe est changé");

    await page.goto("/signin?next=/me");
    await page.getByLabel("Adresse e-mail").fill(email);
    await page.getByLabel("Mot de passe").fill("nouveau mot de passe solide");
    await page.getByRole("button", { name: "Se connecter" }).click();
    await page.waitForURL(/\/me$/);
    await expect.poll(() => page.getByRole("heading", { level: 1 }).textContent()).toBe("Mes signalements");
    expect(errors).toEqual([]);
    await context.close();
  });

  it("the confirmation link publishes a report; following it by e-mail is confirmed and undone by links", async () => {
    const body = newReportBody({ ...places.maarif, language: "fr", title: "Trottoir effondré rue Ibnou Mounir" });
    const created = await new Client(tp.url).post("/api/reports", body);
    const email = body.reporter.email as string;
    const context = await newContext(browser, tp, { lang: "fr", viewport: { width: 360, height: 740 } });
    const confirm = new URL(await linkFor(email, `${tp.url}/r/${created.body.ref}/confirm?token=`));
    const { page, errors } = await open(context, confirm.pathname + confirm.search);
    await expect.poll(() => page.getByRole("status").textContent()).toContain(`Votre signalement ${created.body.ref} est publié`);
    await expectAccessible(page, "confirm report fr");
    await screenshot(page, "report-confirmed-fr-phone");
    expect((await new Client(tp.url).get(`/api/reports/${created.body.ref}`)).body.report.state).toBe("confirmed");

    const follower = "suivi@example.org";
    expect((await new Client(tp.url).post(`/api/reports/${created.body.ref}/subscriptions`, { email: follower, language: "fr" })).status).toBe(202);
    const follow = new URL(await linkFor(follower, `${tp.url}/subscriptions/confirm?token=`));
    await page.goto(follow.pathname + follow.search);
    await expect.poll(() => page.getByRole("status").textContent()).toContain(`signalement ${created.body.ref}`);
    await page.goto(`/subscriptions/unsubscribe?token=not-a-real-token-at-all`);
    await expect.poll(() => page.getByRole("status").textContent()).toContain("n'est pas valide");
    expect(errors).toEqual([]);
    await context.close();
  });
});
