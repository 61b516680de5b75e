import { defineMessages } from "./messages.ts";

/** Links to the Atom feeds (RSS too, by changing .atom to .rss) of a report, an area, a category or the city. */
export default defineMessages({
  en: {
    report: "Follow this report in a feed reader (Atom)",
    reports: "Follow these reports in a feed reader (Atom)",
  },
  fr: {
    report: "Suivre ce signalement dans un lecteur de flux (Atom)",
    reports: "Suivre ces signalements dans un lecteur de flux (Atom)",
  },
  ar: {
    report: "تابع هذا البلاغ في قارئ الخلاصات (Atom)",
    reports: "تابع هذه البلاغات في قارئ الخلاصات (Atom)",
  },
});
