import { describe, expect, it } from "vitest";
import { findHazards, statedDurationDays } from "./hazards.ts";

describe("findHazards", () => {
  it.each([
    ["fr", "Des fils électriques dénudés pendent devant l'école, les enfants passent à côté", ["exposed_wires", "children", "school"]],
    ["en", "Exposed wires hanging from the lamp post next to the school", ["exposed_wires", "school"]],
    ["ar", "أسلاك كهربائية عارية قرب المستشفى", ["exposed_wires", "hospital"]],
    ["ary", "الخيوط ديال الضو خارجين حدا المدرسة والدراري كيلعبو تما", ["exposed_wires", "children", "school"]],
    ["ary-Latn", "lkhyout dyal dow m7lolin 9dam lmdrasa", ["exposed_wires", "school"]],
  ])("finds exposed wires and who is at risk (%s)", (_lang, text, hazards) => {
    expect(findHazards(text).sort()).toEqual([...hazards].sort());
  });

  it.each([
    ["gas", "Forte odeur de gaz au coin de la rue"],
    ["gas", "ريحة البوطا قوية فالدرب"],
    ["fire", "l3afya ch3lat f zbel 7da dyour"],
    ["fire", "حريق في حاوية الأزبال"],
    ["collapse", "الحيط ديال الدار القديمة غادي يطيح على الناس"],
    ["collapse", "Un balcon menace de s'effondrer rue de Tanger"],
    ["collapse", "The wall is about to collapse onto the pavement"],
    ["collapse", "مبنى آيل للسقوط في المدينة القديمة"],
    ["open_manhole", "lkana m7lola f wst zan9a"],
    ["open_manhole", "Open manhole in the middle of the road"],
    ["flood", "Inondation : l'eau entre dans les maisons"],
    ["flood", "الما دخل للديور من الواد الحار"],
    ["injury", "Un enfant s'est blessé en tombant dans le trou"],
    ["injury", "wa7d sh5ass tjre7 f had l7ofra"],
    ["accident", "وقعت حادثة سير بسبب الحفرة"],
    ["accident", "ksida dyal motor 7it dow tafi"],
  ])("finds %s in %s", (hazard, text) => {
    expect(findHazards(text)).toContain(hazard);
  });

  it("finds nothing alarming in cosmetic reports", () => {
    for (const text of ["La peinture du banc est un peu passée", "Small tag on the bus shelter", "كتابة صغيرة على الحائط", "lbank dyal jnan sbaghto t9cher chwiya"]) {
      expect(findHazards(text)).toEqual([]);
    }
  });
});

describe("statedDurationDays", () => {
  it.each([
    ["depuis 3 semaines rien n'a changé", 21],
    ["ça fait deux mois", 60],
    ["for 3 weeks now", 21],
    ["since a month", 30],
    ["hadi 3 simanat w walo", 21],
    ["hadi chhrayn w lma ma kaynch", 60],
    ["من شهر والزبل هنا", 30],
    ["منذ ثلاثة أسابيع", 21],
    ["هادي سيمانة", 7],
  ])("reads %s as %i days", (text, days) => {
    expect(statedDurationDays(text)).toBe(days);
  });

  it("reads no duration where none is said", () => {
    expect(statedDurationDays("Nid-de-poule de 3 mètres")).toBeUndefined();
    expect(statedDurationDays("Le lampadaire est éteint")).toBeUndefined();
  });
});
