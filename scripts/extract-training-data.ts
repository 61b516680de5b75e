/**
 * Copies into data/training/ the parts of the public data sets (../shared/data, see
 * data/training/README.md for sources and licences) that the models learn from, so that
 * `npm run train` works from a checkout alone. Deterministic: samples by a hash of each id.
 *   npx tsx scripts/extract-training-data.ts [path/to/shared/data]
 */
import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { parse } from "csv-parse/sync";
import { normalizeForModel } from "../src/ai/normalize.ts";
import type { Example } from "../src/ai/training/examples.ts";

const source = process.argv[2] ?? "../shared/data";
const out = "data/training";
const PER_LABEL = 3000;
const FMS_PER_CATEGORY = 1200;

const hash = (s: string) => createHash("sha1").update(s).digest("hex");
const clean = (s: string) => s.replace(/<br\s*\/?>/gi, " ").replace(/\s+/g, " ").trim();

/** Up to n examples per language, the same ones every run, no two alike once normalized. */
function sample(examples: Example[], n: number, key: (e: Example) => string = (e) => e.language): Example[] {
  const seen = new Set<string>();
  const counts = new Map<string, number>();
  return examples
    .filter((e) => normalizeForModel(e.text).length >= 3)
    .sort((a, b) => hash(a.id).localeCompare(hash(b.id)))
    .filter((e) => {
      const norm = normalizeForModel(e.text);
      const k = key(e);
      if (seen.has(norm) || (counts.get(k) ?? 0) >= n) return false;
      seen.add(norm);
      counts.set(k, (counts.get(k) ?? 0) + 1);
      return true;
    })
    .sort((a, b) => a.id.localeCompare(b.id, "en", { numeric: true }));
}

function write(file: string, examples: Example[]) {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, examples.map((e) => JSON.stringify(e)).join("\n") + "\n");
  const counts = new Map<string, number>();
  for (const e of examples) counts.set(e.category ?? e.language, (counts.get(e.category ?? e.language) ?? 0) + 1);
  console.log(`${file}: ${examples.length} (${[...counts].map(([k, n]) => `${k} ${n}`).join(", ")})`);
}

const csv = (file: string, opts: object = {}) => parse(fs.readFileSync(path.join(source, file)), { columns: true, relax_quotes: true, ...opts }) as Record<string, string>[];

// MAC: tweets marked standard (MSA) or dialectal (Darija), Arabic script.
write(`${out}/language/mac.jsonl`, sample(csv("sentiment/mac_moroccan_arabic.csv").map((r, i) => ({
  id: `mac-${i + 1}`, text: clean(r.tweets ?? ""), language: r.class === "standard" ? "ar" : "ary",
  provenance: `MAC, Moroccan Arabic Corpus (Garouani & Kharroubi 2022), row ${i + 1}, class ${r.class}`,
})), PER_LABEL));

// MYC: YouTube comments in Darija. Only its Latin-script ones (Arabizi) are used: its
// Arabic-script comments mix MSA and Darija under one label, which taught the model to call
// MSA Darija (MSA recall fell from 0.86 to 0.30 on the validation split with them).
write(`${out}/language/myc.jsonl`, sample(csv("sentiment/myc_darija.csv").flatMap((r, i) => r.script === "latin" ? [{
  id: `myc-${i + 1}`, text: clean(r.text ?? ""), language: "ary-Latn" as const,
  provenance: `MYC, Moroccan YouTube Corpus (Jbel et al. 2023), row ${i + 1}, script ${r.script}`,
}] : []), PER_LABEL));

// Allociné: French reviews (lower-cased and tokenized by their publishers; the model lower-cases anyway).
const allocine = fs.readFileSync(path.join(source, "sentiment/allocine_fr_train.tsv"), "utf8").split("\n").filter(Boolean);
write(`${out}/language/allocine.jsonl`, sample(allocine.map((line, i) => ({
  id: `allocine-${i + 1}`, text: clean(line.split("\t")[1] ?? "").replace(/ ([.,!?;:)]|' )/g, "$1").replace(/' /g, "'"), language: "fr",
  provenance: `Allociné reviews (Dong & de Melo), allocine_fr_train.tsv line ${i + 1}`,
})), PER_LABEL));

// FixMyStreet London: English reports whose council category maps onto one of ours.
const mapFile = `${out}/fixmystreet-categories.json`;
if (fs.existsSync(mapFile)) {
  const map = (JSON.parse(fs.readFileSync(mapFile, "utf8")) as { map: Record<string, string | null> }).map;
  write(`${out}/fixmystreet/en.jsonl`, sample(csv("categorization/fixmystreet_london_2025.csv").flatMap((r) => {
    const category = map[r.category ?? ""];
    if (!category) return [];
    return [{
      id: `fms-${r.report_id}`, text: clean(`${r.title}. ${r.detail}`).slice(0, 1000), language: "en" as const, category,
      provenance: `FixMyStreet London report ${r.report_id} ("${r.category}")`,
    }];
  }), FMS_PER_CATEGORY, (e) => e.category!));
} else {
  console.log(`${mapFile} missing: FixMyStreet reports not extracted`);
}
