/** Citizen accounts over real HTTP: sign-up and e-mail verification, sessions, password reset. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createSignedToken } from "../src/lib/signed-token.ts";
import { Client, linkIn, tokenOf } from "./support/http.ts";
import { startTestPlatform, type TestPlatform } from "./support/platform.ts";

let tp: TestPlatform;
let n = 0;
const PASSWORD = "a long enough passphrase";

const newAccount = () => ({ email: `citizen${++n}.people@example.org`, password: PASSWORD, name: `Salma Bennani ${n}`, language: "fr" });

async function signUp(account = newAccount()) {
  const r = await new Client(tp.url).post("/api/account", account);
  expect(r.status, JSON.stringify(r.body)).toBe(201);
  return { account, user: r.body };
}

/** The link of the newest message to an address whose subject contains `subject`. */
async function linkFromMail(email: string, subject: string, path: string) {
  await tp.drain();
  const mail = tp.mailbox.to(email).filter((m) => m.subject?.includes(subject)).at(-1);
  expect(mail, `no "${subject}" mail to ${email}`).toBeDefined();
  return linkIn(mail!.text, `${tp.url}${path}?token=`);
}

/** A raw session check with a given cookie, independent of any client's jar. */
async function sessionWith(cookie: string) {
  const res = await fetch(`${tp.url}/api/session`, { headers: { cookie } });
  return (await res.json()) as { user: { email: string } | null; csrfToken: string | null };
}

function sessionCookieOf(headers: Headers): string {
  const set = headers.getSetCookie().find((c) => c.startsWith("baladiya_session="));
  expect(set).toBeDefined();
  return set!;
}

beforeAll(async () => {
  tp = await startTestPlatform();
});
afterAll(async () => tp?.close());

describe("sign up and verify the e-mail address", () => {
  it("creates an unverified citizen and sends a verification link that verifies it", async () => {
    const { account, user } = await signUp();
    expect(user).toMatchObject({ email: account.email, name: account.name, role: "citizen", emailVerified: false, authorityId: null, language: "fr" });
    expect(user).not.toHaveProperty("passwordHash");
    expect(JSON.stringify(user)).not.toContain(PASSWORD);

    const link = await linkFromMail(account.email, "Confirmez votre adresse", "/account/verify");
    expect(tp.mailbox.to(account.email)).toHaveLength(1);
    const verified = await new Client(tp.url).post("/api/account/verify", { token: tokenOf(link) });
    expect(verified.status).toBe(200);
    expect(verified.body).toMatchObject({ id: user.id, emailVerified: true });
    // A second click is harmless.
    expect((await new Client(tp.url).post("/api/account/verify", { token: tokenOf(link) })).body.emailVerified).toBe(true);

    const session = await new Client(tp.url).post("/api/session", { email: account.email, password: PASSWORD });
    expect(session.body.user).toMatchObject({ id: user.id, emailVerified: true });
  });

  it("stores the address in lower case and speaks the account's language in the mail", async () => {
    const account = { ...newAccount(), email: `Mixed.Case${n}@Example.ORG`, language: "ar" };
    const { user } = await signUp(account);
    expect(user.email).toBe(account.email.toLowerCase());
    await tp.drain();
    const [mail] = tp.mailbox.to(account.email.toLowerCase());
    expect(mail?.headers.get("content-language")).toBe("ar");
    expect(mail?.text).toContain(`${tp.url}/account/verify?token=`);
  });

  it("refuses a forged, tampered, expired or wrong-purpose token with 400 naming token", async () => {
    const { account, user } = await signUp();
    const link = await linkFromMail(account.email, "Confirmez", "/account/verify");
    const good = tokenOf(link);
    const [body, mac] = good.split(".") as [string, string];
    const secret = tp.config.sessionSecret;
    const bad = [
      createSignedToken("some-other-secret-some-other-secret-0000", "verify-email", user.id, 3600),
      `${Buffer.from(JSON.stringify({ p: "verify-email", s: user.id, e: 9_999_999_999 })).toString("base64url")}.${mac}`,
      `${body}.${mac.slice(0, -2)}xx`,
      createSignedToken(secret, "verify-email", user.id, -60),
      createSignedToken(secret, "reset-password", user.id, 3600, 0),
      createSignedToken(secret, "verify-email", "00000000-0000-4000-8000-000000000000", 3600),
      "definitely-not-a-token",
    ];
    for (const token of bad) {
      const r = await new Client(tp.url).post("/api/account/verify", { token });
      expect(r.status, token).toBe(400);
      expect(r.headers.get("content-type")).toContain("application/problem+json");
      expect(r.body.field).toBe("token");
    }
    // None of them verified the account.
    const s = await new Client(tp.url).post("/api/session", { email: account.email, password: PASSWORD });
    expect(s.body.user.emailVerified).toBe(false);
  });

  it("refuses a second account for the same address, whatever its case, with 409", async () => {
    const { account } = await signUp();
    const again = await new Client(tp.url).post("/api/account", { ...account, name: "Someone else" });
    expect(again.status).toBe(409);
    expect(again.headers.get("content-type")).toContain("application/problem+json");
    expect(again.body.field).toBe("email");
    const upper = await new Client(tp.url).post("/api/account", { ...account, email: account.email.toUpperCase() });
    expect(upper.status).toBe(409);
    await tp.drain();
    expect(tp.mailbox.to(account.email)).toHaveLength(1);
  });

  it.each([
    ["password", { password: "short1234" }],
    ["email", { email: "not-an-address" }],
    ["name", { name: "" }],
  ])("refuses a bad %s with 400 naming it, and creates nothing", async (field, override) => {
    const account = { ...newAccount(), ...override };
    const r = await new Client(tp.url).post("/api/account", account);
    expect(r.status).toBe(400);
    expect(r.headers.get("content-type")).toContain("application/problem+json");
    expect(r.body.field).toBe(field);
    if (field !== "email") {
      await tp.drain();
      expect(tp.mailbox.to(account.email)).toHaveLength(0);
      expect((await new Client(tp.url).post("/api/session", { email: account.email, password: account.password })).status).toBe(401);
    }
  });
});

describe("sessions", () => {
  it("sign in sets an HttpOnly SameSite=Lax cookie and returns a CSRF token; the session reflects the user", async () => {
    const { account, user } = await signUp();
    const res = await fetch(`${tp.url}/api/session`, {
      method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ email: account.email, password: PASSWORD }),
    });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { user: Record<string, unknown>; csrfToken: string };
    expect(body.user).toMatchObject({ id: user.id, email: account.email, role: "citizen" });
    expect(body.csrfToken).toMatch(/^[A-Za-z0-9_-]{32,}$/);

    const setCookie = sessionCookieOf(res.headers);
    const attrs = setCookie.split(";").map((a) => a.trim().toLowerCase());
    expect(attrs).toContain("httponly");
    expect(attrs).toContain("samesite=lax");
    expect(attrs).toContain("path=/");
    expect(attrs.some((a) => a.startsWith("max-age=") && Number(a.slice(8)) > 86400)).toBe(true);
    // The test server is plain http: a Secure cookie would never come back.
    expect(attrs).not.toContain("secure");
    const cookieValue = setCookie.split(";")[0]!;
    expect(cookieValue.length).toBeGreaterThan("baladiya_session=".length + 30);
    // The cookie carries an opaque token, not the CSRF token or anything about the user.
    expect(cookieValue).not.toContain(body.csrfToken);
    expect(cookieValue).not.toContain(user.id);

    const session = await sessionWith(cookieValue);
    expect(session.user).toMatchObject({ id: user.id, email: account.email });
    expect(session.csrfToken).toBe(body.csrfToken);
  });

  it("without a cookie, or with a made-up one, there is no user", async () => {
    expect(await sessionWith("")).toEqual({ user: null, csrfToken: null });
    expect(await sessionWith("baladiya_session=made-up-token")).toEqual({ user: null, csrfToken: null });
  });

  it("a wrong password and an unknown e-mail get the same 401 answer", async () => {
    const { account } = await signUp();
    const wrong = await new Client(tp.url).post("/api/session", { email: account.email, password: "not the right password" });
    const unknown = await new Client(tp.url).post("/api/session", { email: "nobody.here@example.org", password: "not the right password" });
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(wrong.headers.get("content-type")).toContain("application/problem+json");
    const strip = ({ requestId: _r, ...rest }: Record<string, unknown>) => rest;
    expect(strip(wrong.body)).toEqual(strip(unknown.body));
    expect(wrong.body.type).toBe("https://baladiya.org/problems/invalid_credentials");
    expect(wrong.headers.getSetCookie().some((c) => c.startsWith("baladiya_session="))).toBe(false);
    expect(unknown.headers.getSetCookie().some((c) => c.startsWith("baladiya_session="))).toBe(false);
  });

  it("signing in is case-insensitive on the address", async () => {
    const { account, user } = await signUp();
    const r = await new Client(tp.url).post("/api/session", { email: account.email.toUpperCase(), password: PASSWORD });
    expect(r.status).toBe(200);
    expect(r.body.user.id).toBe(user.id);
  });

  it("sign out ends the session on the server, not only in the browser", async () => {
    const { account, user } = await signUp();
    const browser = await new Client(tp.url).signIn(account.email, PASSWORD);
    expect((await browser.get("/api/session")).body.user.id).toBe(user.id);
    const res = await fetch(`${tp.url}/api/session`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ email: account.email, password: PASSWORD }) });
    const stolen = sessionCookieOf(res.headers).split(";")[0]!;
    const csrf = ((await res.json()) as { csrfToken: string }).csrfToken;

    // Signing out needs the CSRF token like any other change.
    const noCsrf = await fetch(`${tp.url}/api/session`, { method: "DELETE", headers: { cookie: stolen } });
    expect(noCsrf.status).toBe(403);
    expect((await sessionWith(stolen)).user?.email).toBe(account.email);

    const out = await fetch(`${tp.url}/api/session`, { method: "DELETE", headers: { cookie: stolen, "x-csrf-token": csrf } });
    expect(out.status).toBe(200);
    const cleared = sessionCookieOf(out.headers).toLowerCase();
    expect(cleared).toMatch(/baladiya_session=;|expires=thu, 01 jan 1970|max-age=0/);
    // The old cookie, replayed, no longer signs anyone in.
    expect(await sessionWith(stolen)).toEqual({ user: null, csrfToken: null });
    // The other session of the same user is untouched.
    expect((await browser.get("/api/session")).body.user.id).toBe(user.id);
    expect((await browser.delete("/api/session")).status).toBe(200);
    expect((await browser.get("/api/session")).body.user).toBeNull();
  });
});

describe("password reset", () => {
  it("answers 202 whether or not the account exists, and mails only when it does", async () => {
    const { account } = await signUp();
    await tp.drain();
    const before = tp.mailbox.messages.length;
    const unknown = await new Client(tp.url).post("/api/account/password-reset", { email: "no.such.account@example.org" });
    expect(unknown.status).toBe(202);
    expect(unknown.body).toEqual({ ok: true });
    await tp.drain();
    expect(tp.mailbox.messages.length).toBe(before);
    expect(tp.mailbox.to("no.such.account@example.org")).toHaveLength(0);

    const known = await new Client(tp.url).post("/api/account/password-reset", { email: account.email });
    expect(known.status).toBe(202);
    expect(known.body).toEqual(unknown.body);
    await tp.drain();
    expect(tp.mailbox.messages.length).toBe(before + 1);
    const [mail] = tp.mailbox.to(account.email).filter((m) => m.subject?.includes("Réinitialisez"));
    expect(mail?.text).toContain(`${tp.url}/account/reset?token=`);
  });

  it("resets with the link: old password fails, new works, the link works once, other sessions end", async () => {
    const { account, user } = await signUp();
    const phone = await new Client(tp.url).signIn(account.email, PASSWORD);
    const laptop = await new Client(tp.url).signIn(account.email, PASSWORD);
    expect((await phone.get("/api/session")).body.user.id).toBe(user.id);

    await new Client(tp.url).post("/api/account/password-reset", { email: account.email });
    const token = tokenOf(await linkFromMail(account.email, "Réinitialisez", "/account/reset"));

    const weak = await new Client(tp.url).post("/api/account/password", { token, password: "2short" });
    expect(weak.status).toBe(400);
    expect(weak.body.field).toBe("password");

    const newPassword = "another long enough passphrase";
    const reset = await new Client(tp.url).post("/api/account/password", { token, password: newPassword });
    expect(reset.status).toBe(200);
    expect(reset.body).toEqual({ ok: true });

    expect((await new Client(tp.url).post("/api/session", { email: account.email, password: PASSWORD })).status).toBe(401);
    const fresh = await new Client(tp.url).post("/api/session", { email: account.email, password: newPassword });
    expect(fresh.status).toBe(200);
    // Following the link proved the address.
    expect(fresh.body.user.emailVerified).toBe(true);

    const again = await new Client(tp.url).post("/api/account/password", { token, password: "a third long passphrase" });
    expect(again.status).toBe(400);
    expect(again.body.field).toBe("token");
    expect((await new Client(tp.url).post("/api/session", { email: account.email, password: newPassword })).status).toBe(200);

    // Sessions opened with the old password are over.
    expect((await phone.get("/api/session")).body.user).toBeNull();
    expect((await laptop.get("/api/session")).body.user).toBeNull();
    const blocked = await laptop.post("/api/account/tokens", { name: "after reset" });
    expect(blocked.status).toBe(401);
  });

  it("an older link dies when a newer one is used", async () => {
    const { account } = await signUp();
    await new Client(tp.url).post("/api/account/password-reset", { email: account.email });
    const first = tokenOf(await linkFromMail(account.email, "Réinitialisez", "/account/reset"));
    await new Client(tp.url).post("/api/account/password-reset", { email: account.email });
    await tp.drain();
    const links = tp.mailbox.to(account.email).filter((m) => m.subject?.includes("Réinitialisez"));
    expect(links).toHaveLength(2);
    const second = tokenOf(linkIn(links[1]!.text, `${tp.url}/account/reset?token=`));
    expect((await new Client(tp.url).post("/api/account/password", { token: second, password: "the second new passphrase" })).status).toBe(200);
    const stale = await new Client(tp.url).post("/api/account/password", { token: first, password: "the first new passphrase" });
    expect(stale.status).toBe(400);
    expect(stale.body.field).toBe("token");
  });

  it("refuses forged, expired and wrong-purpose reset tokens with 400 naming token", async () => {
    const { account, user } = await signUp();
    const secret = tp.config.sessionSecret;
    const verifyLink = await linkFromMail(account.email, "Confirmez", "/account/verify");
    const bad = [
      createSignedToken("some-other-secret-some-other-secret-0000", "reset-password", user.id, 3600, 0),
      createSignedToken(secret, "reset-password", user.id, -1, 0),
      createSignedToken(secret, "reset-password", user.id, 3600, 5),
      createSignedToken(secret, "reset-password", user.id, 3600),
      tokenOf(verifyLink),
    ];
    for (const token of bad) {
      const r = await new Client(tp.url).post("/api/account/password", { token, password: "a brand new passphrase" });
      expect(r.status, token).toBe(400);
      expect(r.headers.get("content-type")).toContain("application/problem+json");
      expect(r.body.field).toBe("token");
    }
    expect((await new Client(tp.url).post("/api/session", { email: account.email, password: PASSWORD })).status).toBe(200);
  });
});
