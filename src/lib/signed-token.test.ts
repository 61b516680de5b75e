import { createHmac } from "node:crypto";
import { afterEach, describe, expect, it, vi } from "vitest";
import { createSignedToken, verifySignedToken } from "./signed-token.ts";

const SECRET = "unit-test-secret-unit-test-secret-0001";
const body = (payload: unknown) => Buffer.from(JSON.stringify(payload)).toString("base64url");
const mac = (secret: string, b: string) => createHmac("sha256", secret).update(b).digest("base64url");
const decode = (token: string) => JSON.parse(Buffer.from(token.split(".")[0]!, "base64url").toString("utf8"));

afterEach(() => vi.useRealTimers());

describe("signed tokens", () => {
  it("a fresh token verifies and carries purpose, subject and expiry", () => {
    vi.useFakeTimers({ now: new Date("2026-01-01T00:00:00Z") });
    const token = createSignedToken(SECRET, "verify-email", "user-1", 3600);
    expect(token.split(".")).toHaveLength(2);
    const payload = verifySignedToken(SECRET, "verify-email", token);
    expect(payload).toEqual({ p: "verify-email", s: "user-1", e: Date.parse("2026-01-01T01:00:00Z") / 1000 });
    expect(payload).not.toHaveProperty("v");
  });

  it("carries a version when given one, including 0", () => {
    const t3 = createSignedToken(SECRET, "reset-password", "user-1", 60, 3);
    expect(verifySignedToken(SECRET, "reset-password", t3)?.v).toBe(3);
    const t0 = createSignedToken(SECRET, "reset-password", "user-1", 60, 0);
    expect(verifySignedToken(SECRET, "reset-password", t0)?.v).toBe(0);
  });

  it("refuses a tampered body even with its old mac", () => {
    const token = createSignedToken(SECRET, "confirm-report", "report-1", 3600);
    const [, sig] = token.split(".");
    const forged = `${body({ ...decode(token), s: "report-2" })}.${sig}`;
    expect(verifySignedToken(SECRET, "confirm-report", forged)).toBeNull();
    // A longer expiry or another version are tampering too.
    expect(verifySignedToken(SECRET, "confirm-report", `${body({ ...decode(token), e: decode(token).e + 86400 })}.${sig}`)).toBeNull();
    expect(verifySignedToken(SECRET, "confirm-report", `${body({ ...decode(token), v: 7 })}.${sig}`)).toBeNull();
  });

  it("refuses a tampered mac, a missing mac, extra parts and garbage", () => {
    const token = createSignedToken(SECRET, "confirm-report", "report-1", 3600);
    const [b, sig] = token.split(".") as [string, string];
    const flipped = sig[0] === "A" ? `B${sig.slice(1)}` : `A${sig.slice(1)}`;
    expect(verifySignedToken(SECRET, "confirm-report", `${b}.${flipped}`)).toBeNull();
    expect(verifySignedToken(SECRET, "confirm-report", `${b}.${sig.slice(0, -1)}`)).toBeNull();
    expect(verifySignedToken(SECRET, "confirm-report", `${b}.`)).toBeNull();
    expect(verifySignedToken(SECRET, "confirm-report", b)).toBeNull();
    expect(verifySignedToken(SECRET, "confirm-report", `${token}.extra`)).toBeNull();
    expect(verifySignedToken(SECRET, "confirm-report", "")).toBeNull();
    expect(verifySignedToken(SECRET, "confirm-report", "not.a-token")).toBeNull();
  });

  it("refuses a token signed with another secret", () => {
    const token = createSignedToken("another-secret-another-secret-00000001", "confirm-report", "report-1", 3600);
    expect(verifySignedToken(SECRET, "confirm-report", token)).toBeNull();
  });

  it("a correctly signed body that is not a valid payload is refused, not thrown", () => {
    const notJson = Buffer.from("{not json").toString("base64url");
    expect(verifySignedToken(SECRET, "x", `${notJson}.${mac(SECRET, notJson)}`)).toBeNull();
    const noSubject = body({ p: "x", e: Math.floor(Date.now() / 1000) + 60 });
    expect(verifySignedToken(SECRET, "x", `${noSubject}.${mac(SECRET, noSubject)}`)).toBeNull();
    const good = body({ p: "x", s: "s", e: Math.floor(Date.now() / 1000) + 60 });
    expect(verifySignedToken(SECRET, "x", `${good}.${mac(SECRET, good)}`)).toEqual({ p: "x", s: "s", e: expect.any(Number) });
  });

  it("is valid only for its purpose", () => {
    const token = createSignedToken(SECRET, "verify-email", "user-1", 3600);
    expect(verifySignedToken(SECRET, "reset-password", token)).toBeNull();
    expect(verifySignedToken(SECRET, "confirm-report", token)).toBeNull();
    expect(verifySignedToken(SECRET, "verify-email", token)).not.toBeNull();
  });

  it("expires after its time to live", () => {
    vi.useFakeTimers({ now: new Date("2026-01-01T00:00:00Z") });
    const token = createSignedToken(SECRET, "reset-password", "user-1", 3600, 1);
    vi.setSystemTime(new Date("2026-01-01T00:59:59Z"));
    expect(verifySignedToken(SECRET, "reset-password", token)).not.toBeNull();
    vi.setSystemTime(new Date("2026-01-01T01:00:01Z"));
    expect(verifySignedToken(SECRET, "reset-password", token)).toBeNull();
    // Already expired when made.
    vi.useRealTimers();
    expect(verifySignedToken(SECRET, "reset-password", createSignedToken(SECRET, "reset-password", "user-1", -1))).toBeNull();
  });
});
