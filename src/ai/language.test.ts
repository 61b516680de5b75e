import { beforeAll, describe, expect, it } from "vitest";
import { loadModels, type TriageModels } from "./models.ts";

let models: TriageModels;
beforeAll(async () => {
  models = await loadModels();
});

describe("language identification", () => {
  it.each([
    ["ary", "الضو ديال الزنقة طافي هادي سيمانة وماكاين حتى شي واحد جا يصلحو"],
    ["ary", "عافاكم شوفو لينا هاد الزبل لي عامر الدرب"],
    ["ary-Latn", "dow dyal zan9a tafi hadi simana w 7ta wa7d ma ja ysal7o"],
    ["ary-Latn", "3afakom chofo lina had zbel li 3amer derb"],
    ["ar", "نطالب الجهات المختصة بالتدخل العاجل لإصلاح الإنارة العمومية في الشارع"],
    ["ar", "توجد حفرة عميقة في الطريق تشكل خطرا على السائقين والمارة"],
    ["fr", "Le lampadaire de notre rue est éteint depuis une semaine, merci d'intervenir"],
    ["fr", "les poubelles debordent depuis 3 jours, c'est insupportable"],
    ["en", "The street light outside my house has been out for a week"],
    ["es", "La farola de mi calle lleva una semana apagada, por favor arréglenla"],
    ["zgh", "ⴰⵖⴰⵔⴰⵙ ⵉⵀⵔⵙ ⴰⵟⴰⵙ"],
  ])("tells %s: %s", (language, text) => {
    expect(models.language.identify(text).language).toBe(language);
  });

  it("gives mixed text its main language", () => {
    expect(models.language.identify("la lumière ma khdamach f zan9a dyalna depuis 2 semaines").language).toBe("ary-Latn");
    expect(models.language.identify("Le camion de la commune n'est pas passé, شي حاجة ماشي هي هاديك").language).toBe("fr");
  });

  it("says und when there is too little to tell", () => {
    expect(models.language.identify("ok").language).toBe("und");
    expect(models.language.identify("😡😡 !!! 123").language).toBe("und");
  });
});

describe("category classifier", () => {
  it("returns the three likeliest categories, calibrated, most probable first", () => {
    const { categories } = models.categorizer.classify("Le lampadaire est éteint depuis une semaine");
    expect(categories).toHaveLength(3);
    expect(categories[0]!.code).toBe("street_lighting");
    expect(categories[0]!.p).toBeGreaterThan(categories[1]!.p);
  });

  it("is not confident on text that says nothing", () => {
    for (const text of ["bonjour merci", "salam", "3afakom", "merci"]) expect(models.categorizer.classify(text).confident, text).toBe(false);
    expect(models.categorizer.classify("").categories).toEqual([]);
  });

  it("loads from the manifest with its version, calibration and labels", () => {
    expect(models.manifest.version).toMatch(/^\d{4}-\d{2}-\d{2}-[0-9a-f]{8}$/);
    expect(models.manifest.category.labels).toHaveLength(16);
    expect(models.manifest.category.temperature).toBeGreaterThan(0);
  });
});
