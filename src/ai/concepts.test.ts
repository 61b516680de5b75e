import { describe, expect, it } from "vitest";
import { ConceptLexicon } from "./concepts.ts";

const lexicon = new ConceptLexicon({
  concepts: {
    pothole: ["pothole", "nid de poule", "حفرة", "7ofra", "hfra"],
    street_light: ["lampadaire", "street light", "الضو", "dow"],
    bin: ["poubell", "bin", "البوبال"],
  },
});

describe("ConceptLexicon", () => {
  it("finds concepts in every script, as word prefixes and across words", () => {
    expect(lexicon.concepts("un gros nid de poule devant les poubelles")).toEqual(["pothole", "bin"]);
    expect(lexicon.concepts("kayna 7ofra kbira w dow tafi")).toEqual(["pothole", "street_light"]);
  });

  it("reads Arabic words through their clitics and article", () => {
    expect(lexicon.concepts("وفالحفره الكبيره")).toEqual(["pothole"]);
    expect(lexicon.concepts("والحفره كبيره")).toEqual(["pothole"]);
    expect(lexicon.concepts("بالضو")).toEqual(["street_light"]);
  });

  it("does not match inside a word, and adds concept tokens after the words", () => {
    expect(lexicon.concepts("cabinet")).toEqual([]);
    expect(lexicon.features("Le lampadaire est éteint")).toBe("le lampadaire est eteint __c_street_light");
    expect(lexicon.features("rien à signaler")).toBe("rien a signaler");
  });
});
