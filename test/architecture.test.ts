/**
 * The layout is the architecture: a domain is reached only through its index.ts, and ai/
 * depends on nothing but itself. This test is the lint rule that keeps it so.
 */
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const SRC = path.resolve("src");
const DOMAINS = ["cities", "reports", "routing", "people", "ai", "alerts", "templates", "triage", "insights", "open311", "assistant", "events", "channels"];

function files(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    return e.isDirectory() ? files(full) : full.endsWith(".ts") && !full.endsWith(".test.ts") ? [full] : [];
  });
}

function importsOf(file: string): string[] {
  const text = fs.readFileSync(file, "utf8");
  return [...text.matchAll(/^\s*(?:import|export)\s[^;]*?from\s+"(\.[^"]+)"/gms)].map((m) => path.resolve(path.dirname(file), m[1]!));
}

const domainOf = (file: string) => {
  const [top] = path.relative(SRC, file).split(path.sep);
  return DOMAINS.includes(top!) ? top! : null;
};

describe("module boundaries", () => {
  const all = files(SRC);

  it("finds the source", () => {
    expect(all.length).toBeGreaterThan(30);
  });

  it("other code imports a domain only through its index.ts", () => {
    const violations = all.flatMap((file) => importsOf(file).filter((target) => {
      const d = domainOf(target);
      return d && d !== domainOf(file) && path.relative(path.join(SRC, d), target) !== "index.ts";
    }).map((target) => `${path.relative(SRC, file)} → ${path.relative(SRC, target)}`));
    expect(violations).toEqual([]);
  });

  it("ai/ depends on nothing outside itself", () => {
    const violations = all.filter((f) => domainOf(f) === "ai").flatMap((file) =>
      importsOf(file).filter((t) => domainOf(t) !== "ai").map((t) => `${path.relative(SRC, file)} → ${path.relative(SRC, t)}`));
    expect(violations).toEqual([]);
  });
});
