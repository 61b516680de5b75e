/**
 * Every message of the web app exists in Arabic, French and English: the same keys, nothing
 * empty, the same {placeholders}, plural forms with `other`, and Arabic written in Arabic.
 */
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

function messageFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    return e.isDirectory() ? messageFiles(full) : e.name.endsWith(".messages.ts") ? [full] : [];
  });
}

type Tree = { [key: string]: string | Tree };
const isPlural = (v: Tree) => typeof v.other === "string" && Object.keys(v).every((k) => ["zero", "one", "two", "few", "many", "other"].includes(k));
const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!).sort();

/** Leaves as [path, text]; a plural counts as one leaf whose placeholders are those of all its forms. */
function leaves(tree: Tree, prefix = ""): [string, string[], string[]][] {
  return Object.entries(tree).flatMap(([k, v]) => {
    const key = prefix ? `${prefix}.${k}` : k;
    if (typeof v === "string") return [[key, [v], placeholders(v)]];
    if (isPlural(v)) return [[key, Object.values(v) as string[], [...new Set(Object.values(v).flatMap((s) => placeholders(s as string)))].filter((p) => p !== "count").sort()]];
    return leaves(v, key);
  });
}

const files = messageFiles(path.resolve("web/src"));

describe("web app messages", () => {
  it("are found", () => {
    expect(files.length).toBeGreaterThan(3);
  });

  it.each(files.map((f) => [path.relative("web/src", f), f]))("%s: same keys and placeholders in ar, fr and en, none empty", async (_name, file) => {
    const catalog = (await import(file)).default as Record<"en" | "fr" | "ar", Tree>;
    const en = new Map(leaves(catalog.en).map(([k, , p]) => [k, p]));
    for (const lang of ["fr", "ar"] as const) {
      const other = leaves(catalog[lang]);
      expect(other.map(([k]) => k).sort(), `${lang} keys`).toEqual([...en.keys()].sort());
      for (const [key, texts, ph] of other) {
        for (const t of texts) expect(t.trim(), `${lang}.${key} is empty`).not.toBe("");
        expect(ph, `${lang}.${key} placeholders`).toEqual(en.get(key));
        if (lang === "ar") for (const t of texts) if (/\p{L}/u.test(t.replace(/\{\w+\}/g, ""))) expect(t, `ar.${key} is not in Arabic`).toMatch(/\p{Script=Arabic}/u);
      }
    }
    for (const [key, texts] of leaves(catalog.en)) for (const t of texts) expect(t.trim(), `en.${key} is empty`).not.toBe("");
  });
});
