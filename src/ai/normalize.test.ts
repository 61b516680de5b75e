import { describe, expect, it } from "vitest";
import { normalizeArabic, normalizeForModel, normalizeForSearch, stripLatinAccents } from "./normalize.ts";

describe("normalizeArabic", () => {
  it("removes diacritics (harakat, tanwin, shadda, sukun, dagger alef)", () => {
    expect(normalizeArabic("مُعَطَّلَةٌ")).toBe("معطله");
    expect(normalizeArabic("سُكُونْ")).toBe("سكون");
    expect(normalizeArabic("كِتَابًا")).toBe("كتابا");
    expect(normalizeArabic("هٰذا")).toBe("هذا");
  });

  it("removes tatweel", () => {
    expect(normalizeArabic("الشـــارع")).toBe("الشارع");
    expect(normalizeArabic("مـدرسـة")).toBe("مدرسه");
  });

  it("folds the alef forms into bare alef", () => {
    expect(normalizeArabic("أإآٱا")).toBe("ااااا");
    expect(normalizeArabic("الإنارة")).toBe(normalizeArabic("الانارة"));
    expect(normalizeArabic("آبار")).toBe("ابار");
  });

  it("folds taa marbuta into haa and alef maqsura into yaa", () => {
    expect(normalizeArabic("حفرة")).toBe("حفره");
    expect(normalizeArabic("حفرة")).toBe(normalizeArabic("حفره"));
    expect(normalizeArabic("مستشفى")).toBe("مستشفي");
    expect(normalizeArabic("على")).toBe(normalizeArabic("علي"));
  });

  it("folds hamza on waw and yaa, and Persian look-alikes", () => {
    expect(normalizeArabic("مسؤول")).toBe("مسوول");
    expect(normalizeArabic("بيئة")).toBe("بييه");
    expect(normalizeArabic("کبیر")).toBe("كبير");
  });

  it("turns Arabic-Indic and Eastern Arabic-Indic digits into ASCII", () => {
    expect(normalizeArabic("٠١٢٣٤٥٦٧٨٩")).toBe("0123456789");
    expect(normalizeArabic("۰۱۲۳۴۵۶۷۸۹")).toBe("0123456789");
    expect(normalizeArabic("زنقة ٢٣")).toBe("زنقه 23");
  });

  it("leaves Latin text alone", () => {
    expect(normalizeArabic("Éclairage public 23")).toBe("Éclairage public 23");
  });
});

describe("stripLatinAccents", () => {
  it("removes French accents and cedillas, keeping the letters", () => {
    expect(stripLatinAccents("éèêë àâ îï ôö ùûü ç ÿ")).toBe("eeee aa ii oo uuu c y");
    expect(stripLatinAccents("Éclairage défaillant à Maârif")).toBe("Eclairage defaillant a Maarif");
    expect(stripLatinAccents("Aïn Sebaâ")).toBe("Ain Sebaa");
  });

  it("does not touch Arabic marks or letters", () => {
    expect(stripLatinAccents("مُعَطَّلَة")).toBe("مُعَطَّلَة");
  });

  it("handles precomposed and decomposed input alike", () => {
    expect(stripLatinAccents("e\u0301")).toBe("e");
    expect(stripLatinAccents("\u00e9")).toBe("e");
  });
});

describe("normalizeForSearch", () => {
  it("makes accented and unaccented French, in any case, the same", () => {
    expect(normalizeForSearch("ÉCLAIRAGE Défaillant")).toBe("eclairage defaillant");
    expect(normalizeForSearch("éclairage")).toBe(normalizeForSearch("eclairage"));
  });

  it("makes Arabic spelling variants the same", () => {
    expect(normalizeForSearch("الإشارةُ الضوئيّة")).toBe(normalizeForSearch("الاشاره الضوئيه"));
    expect(normalizeForSearch("الإشارةُ الضوئيّة")).toBe("الاشاره الضوييه");
  });

  it("removes URLs", () => {
    expect(normalizeForSearch("Voir https://example.org/photo?id=1 svp")).toBe("voir svp");
    expect(normalizeForSearch("شوف http://bit.ly/abc الصورة")).toBe("شوف الصوره");
    expect(normalizeForSearch("HTTPS://EXAMPLE.ORG/X")).toBe("");
    expect(normalizeForSearch("www-less text stays")).toBe("www-less text stays");
  });

  it("collapses whitespace, trims, and unifies apostrophes", () => {
    expect(normalizeForSearch("  L’éclairage \n\t  de   la rue  ")).toBe("l'eclairage de la rue");
    expect(normalizeForSearch("l‘eau l`eau")).toBe("l'eau l'eau");
  });

  it("normalizes mixed Darija, French and digits in one pass", () => {
    expect(normalizeForSearch("الزبل ف زنقة ١٢ — Très sale")).toBe("الزبل ف زنقه 12 — tres sale");
  });
});

describe("normalizeForModel", () => {
  it("splits French elisions, drops accents and case", () => {
    expect(normalizeForModel("L'égout déborde, QU'est-ce qu'on attend ?")).toBe("l egout deborde qu est ce qu on attend");
    expect(normalizeForModel("l’éclairage")).toBe("l eclairage");
  });

  it("shortens letters repeated for emphasis, in both scripts", () => {
    expect(normalizeForModel("bzzzzaf")).toBe("bzaf");
    expect(normalizeForModel("عاااااجل")).toBe("عاجل");
    expect(normalizeForModel("bzzaf")).toBe("bzzaf");
  });

  it("gives Arabizi one spelling, only inside words that mix letters and digits", () => {
    expect(normalizeForModel("5obz")).toBe(normalizeForModel("khobz"));
    expect(normalizeForModel("8ir")).toBe("ghir");
    expect(normalizeForModel("so2al")).toBe("soal");
    expect(normalizeForModel("l9ant dyal l7ay")).toBe("l9ant dyal l7ay");
    expect(normalizeForModel("qant 3la")).toBe("qant 3la");
    expect(normalizeForModel("depuis 3 semaines")).toBe("depuis 3 semaines");
  });

  it("keeps emoji as tokens of their own, and URLs as one token", () => {
    expect(normalizeForModel("tafi😡😡 https://x.example/a?b=1")).toBe("tafi 😡 😡 url");
    expect(normalizeForModel("❤️ merci")).toBe("❤️ merci");
  });

  it("normalizes Arabic as search does and turns punctuation into space", () => {
    expect(normalizeForModel("الإنارةُ مقطوعة، عاجل!!")).toBe("الاناره مقطوعه عاجل");
  });
});
