/**
 * Hazard language in the five ways citizens write (Darija in both scripts, MSA, French,
 * English): words that say a life or someone's health is at stake. Urgency turns each hazard
 * found into points with a plain reason, so it is a readable list rather than a learned
 * weight: staff must be able to see why a report jumped the queue, and to disagree.
 * Patterns match the model form of the text (normalizeForModel: Arabic letters folded,
 * accents stripped, lower case, one Arabizi spelling).
 */
import { normalizeArabic, normalizeForModel } from "./normalize.ts";

export type Hazard =
  | "exposed_wires" | "gas" | "fire" | "collapse" | "open_manhole" | "flood" | "injury" | "accident"
  | "danger" | "children" | "school" | "hospital";

export const HAZARD_POINTS: Record<Hazard, number> = {
  exposed_wires: 30, gas: 30, fire: 30, collapse: 30, open_manhole: 25, injury: 25, flood: 20, accident: 20,
  danger: 15, children: 10, school: 10, hospital: 10,
};

// Arabic words take clitics in front (و، ف، ب، ل، ال…) and endings behind: a term matches
// inside such a word. Latin terms match at word starts, so "bless" finds "blessé(e)s".
const AR_PREFIX = "(?:و|ف|ب|ل|ك)?(?:ال|لل)?";
// Terms are written as people spell them and folded like the text they are matched against.
const arabic = (terms: string[]) => new RegExp(`(?:^|[^\\p{L}])${AR_PREFIX}(?:${normalizeArabic(terms.join("|"))})`, "u");
const latin = (terms: string[]) => new RegExp(`(?:^|[^\\p{L}\\p{N}])(?:${terms.join("|")})`, "u");

const LEXICON: Record<Hazard, RegExp[]> = {
  exposed_wires: [
    latin(["fils? (?:electrique|denude|nu|a nu|dehors)", "cables? (?:electrique|denude|a nu|par terre|dehors)", "electrocut", "exposed wire", "live wire", "bare wire", "hanging wire", "electric(?:al)? cable", "khyou?t dyal (?:dow|do|triciti|trisiti)", "lkhyou?t", "kabl", "lkabl", "tri[cs]iti (?:m7lol|3arya|kharja)", "tay(?:9|k)tl"]),
    arabic(["اسلاك (?:كهربائيه|عاريه|مكشوفه)", "سلك (?:كهربائي|عاري)", "صعق", "خيوط (?:الضو|ديال الضو|الكهرباء|الضوء)", "الخيوط ديال الضو", "كابل", "كابلات", "تريسيتي"]),
  ],
  gas: [
    latin(["gaz", "gas", "smell of gas", "smells? (?:of|like) gas", "lgaz", "ri(?:7|h)t lgaz", "bota", "lbota"]),
    arabic(["غاز", "بوطا"]),
  ],
  fire: [
    latin(["incendie", "feu", "flammes?", "brul", "fire", "burning", "flames?", "smoke", "l3afya", "3afya", "ch3lat", "ch3el", "ti7ra9", "t7ra9", "kat7ra9"]),
    arabic(["حريق", "احتراق", "اشتعال", "نيران", "العافيه", "شعلات", "شعلت", "تحرق", "كتحرق"]),
  ],
  collapse: [
    latin(["effondr", "s ecroul", "ecroul", "menace de (?:tomber|s effondrer|ruine)", "risque (?:de chute|d effondrement)", "menace ruine", "collaps", "about to fall", "crumbling", "falling down", "ghadi (?:y|t)(?:ti7|tih|ta7)", "ghadi ytay7", "tay7a", "mhrrs", "t9sm", "mcha9"]),
    arabic(["انهيار", "انهار", "منهار", "ايل(?:ه)? للسقوط", "مهدد(?:ه)? بالسقوط", "سقوط", "غادي (?:يطيح|تطيح)", "طايح(?:ه)?", "تهرس", "مشقق(?:ه)?", "تشققات"]),
  ],
  open_manhole: [
    latin(["bouche d egout ouverte", "regard (?:ouvert|sans couvercle)", "plaque d egout", "sans couvercle", "trou beant", "open manhole", "missing (?:manhole )?cover", "uncovered (?:manhole|drain)", "(?:lkana|lbalo3a|l9adous) (?:m7lola|mhlola|bla ghta|mftou7a)", "bla ghta"]),
    arabic(["بالوعه مفتوحه", "غطاء البالوعه", "بدون غطاء", "بلا غطا", "(?:الكانه|البالوعه|القادوس) (?:محلوله|مفتوحه|بلا غطا)"]),
  ],
  flood: [
    latin(["inond", "submerg", "l eau (?:entre|rentre) dans", "flood", "water (?:coming|getting|pouring) into", "ghr9at", "ghar9a", "lma dkhel", "lma daKhl", "fayadan", "l7amla"]),
    arabic(["فيضان", "فيضانات", "غمرت", "غمر", "غرقات", "غارقه", "الما دخل", "دخل الما", "الحمله"]),
  ],
  injury: [
    latin(["bless", "se sont fait mal", "est tombe", "sont tombes", "suis tombe", "tombee", "fell", "tripped", "trebuch", "ta7 ", "tah ", "ta7at", "tahat", "t3awr", "t3wer", "injur", "hurt", "wounded", "fell (?:in|into|over)", "tjr(?:e|a)7", "mjro7", "mjrou7", "t(?:a|e)7 fiha", "t(?:a|e)7at fiha", "t(?:a|e)7 f", "tkhbt", "tfrg3"]),
    arabic(["جرح", "جروح", "جريح", "مجروح", "اصابه", "اصيب", "مصاب", "تجرح", "طاح فيها", "طاحت فيها", "طاح ف", "تكسر", "تخبط", "تعثر", "سقط", "سقطت", "طاحت", "تعور"]),
  ],
  accident: [
    latin(["accident", "collision", "percut", "crash", "hit by a", "knocked down", "overturn", "renvers", "ksida", "kssida", "tgelb", "t9elb", "tqelb"]),
    arabic(["حادث", "حادثه", "اصطدام", "كسيده", "كسيدات", "انقلب", "انقلبت", "تقلب", "تقلبات"]),
  ],
  danger: [
    latin(["danger", "risque", "peril", "hazard", "unsafe", "khatar", "khatir", "khtar"]),
    arabic(["خطر", "خطير", "خطيره", "مخاطر", "يهدد", "تهدد"]),
  ],
  children: [
    latin(["enfants?", "gamins?", "gosses?", "bebes?", "child", "children", "kids?", "toddler", "drari", "drri", "derri", "lwlidat", "lbrahch", "d(?:e|a)rari", "wlad"]),
    arabic(["اطفال", "الطفل", "طفل", "اطفالنا", "الدراري", "دراري", "الوليدات", "البراهش"]),
  ],
  school: [
    latin(["ecole", "lycee", "college", "creche", "maternelle", "school", "nursery", "lmdrasa", "mdrasa", "madrasa", "lmadrasa", "sekwila"]),
    arabic(["مدرسه", "المدرسه", "ثانويه", "اعداديه", "روض", "الروض", "سكويله"]),
  ],
  hospital: [
    latin(["hopital", "clinique", "urgences", "centre de sante", "dispensaire", "hospital", "clinic", "ambulance", "sbitar", "sbeetar", "lambulance", "sbitar"]),
    arabic(["مستشفي", "المستشفي", "مصحه", "المركز الصحي", "اسعاف", "سبيطار", "السبيطار", "لامبيلانص"]),
  ],
};

/** The hazards a text speaks of, each once. */
export function findHazards(text: string): Hazard[] {
  const normalized = ` ${normalizeForModel(text)} `;
  return (Object.keys(LEXICON) as Hazard[]).filter((h) => LEXICON[h].some((re) => re.test(normalized)));
}

const NUMBER_WORDS: Record<string, number> = {
  un: 1, une: 1, deux: 2, trois: 3, quatre: 4, cinq: 5, six: 6, a: 1, one: 1, two: 2, three: 3, four: 4, five: 5, several: 3, plusieurs: 3,
  wa7d: 1, jouj: 2, jooj: 2, tlata: 3, rb3a: 4, khamsa: 5,
  واحد: 1, جوج: 2, زوج: 2, ثلاث: 3, ثلاثه: 3, تلاته: 3, ربعه: 4, اربعه: 4, خمسه: 5, عده: 3,
};
const NUMBER_WORDS_FOLDED = new Map(Object.entries(NUMBER_WORDS).map(([w, n]) => [normalizeArabic(w), n]));
const UNIT_DAYS: [RegExp, number][] = [
  [/^(?:jours?|days?|iyam|yam|nhar|يوم|ايام|يام|نهار)$/u, 1],
  [/^(?:semaines?|weeks?|simana|simanat|ssimana|اسبوع|اسابيع|سيمانه|سيمانات|سمانه|سمانات)$/u, 7],
  [/^(?:mois|months?|chhar|chhor|chhour|chhrayn|شهر|اشهر|شهور|شهرين)$/u, 30],
  [/^(?:ans?|annees?|years?|3am|3wam|sna|سنه|سنوات|عام|عوام|سنين)$/u, 365],
];
const SINCE = new RegExp(
  `(?:depuis|ca fait|cela fait|voila|since|for|been|mn|hadi|hadchi|ba9i|${normalizeArabic("منذ|من|هادي|هادا|هذا|لمدة|مدة")})\\s+(?:(\\d+|${Object.keys(NUMBER_WORDS).map(normalizeArabic).join("|")})\\s+)?([\\p{L}]+)`, "gu");

/** How long the text says the problem has lasted ("depuis 3 semaines", "hadi chhrayn", "منذ شهر"), in days. */
export function statedDurationDays(text: string): number | undefined {
  const normalized = normalizeForModel(text);
  let longest: number | undefined;
  for (const m of normalized.matchAll(SINCE)) {
    const [, count, unit] = m;
    const days = UNIT_DAYS.find(([re]) => re.test(unit!))?.[1];
    if (!days) continue;
    // "chhrayn"/"شهرين" is the dual: two months.
    const dual = /^(?:chhrayn|شهرين)$/u.test(unit!) ? 2 : 1;
    const n = count === undefined ? 1 : /^\d+$/.test(count) ? Number(count) : NUMBER_WORDS_FOLDED.get(count);
    if (n === undefined) continue;
    const total = n * days * dual;
    if (total > 0 && total < 3650 && (longest === undefined || total > longest)) longest = total;
  }
  return longest;
}
