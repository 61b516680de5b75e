/** The top bar on every page: the city, the main links, the account and the language. */
import { Link, useLocation } from "wouter";
import { useCity } from "../lib/city.tsx";
import { isLanguage, languages, localized, useLanguage, useMessages } from "../lib/i18n.tsx";
import { isStaff, useSession } from "../lib/session.tsx";
import messages from "./app.messages.ts";

const languageNames = { ar: "العربية", fr: "Français", en: "English" } as const;

export function Header() {
  const [m] = useMessages(messages);
  const { lang, setLang, arabicDigits, setArabicDigits } = useLanguage();
  const { user, signOut } = useSession();
  const city = useCity();
  const [location, navigate] = useLocation();
  const current = (path: string) => (location === path ? "page" : undefined);

  return (
    <header className="topbar">
      <a className="skip-link" href="#main">{m.skipToContent}</a>
      <Link href="/" className="brand">
        <img src="/icons/icon.svg" alt="" width="28" height="28" />
        <span>{localized(city.name, lang)}</span>
      </Link>
      <nav aria-label={m.mainNav} className="topnav">
        <Link href="/" aria-current={current("/")}>{m.map}</Link>
        <Link href="/alerts" aria-current={location.startsWith("/alerts") ? "page" : undefined}>{m.alerts}</Link>
        <Link href="/transparency" aria-current={current("/transparency")}>{m.transparency}</Link>
        {user ? <Link href="/me" aria-current={current("/me")}>{m.myReports}</Link> : <Link href="/signin" aria-current={current("/signin")}>{m.signIn}</Link>}
        {isStaff(user) && <Link href="/staff" aria-current={location.startsWith("/staff") ? "page" : undefined}>{m.staff}</Link>}
        {user && <button type="button" className="linklike" onClick={() => void signOut().then(() => navigate("/"))}>{m.signOut}</button>}
      </nav>
      <div className="topbar-tools">
        <label className="visually-hidden" htmlFor="language">{m.language}</label>
        <select id="language" value={lang} onChange={(e) => isLanguage(e.target.value) && setLang(e.target.value)}>
          {languages.map((l) => <option key={l} value={l} lang={l}>{languageNames[l]}</option>)}
        </select>
        {lang === "ar" && (
          <label className="digits-toggle" title={m.arabicDigits}>
            <input type="checkbox" checked={arabicDigits} onChange={(e) => setArabicDigits(e.target.checked)} />
            {/* The sample digits say it at a glance; the full name is for screen readers. */}
            <span aria-hidden="true">٠١٢٣</span>
            <span className="visually-hidden">{m.arabicDigits}</span>
          </label>
        )}
        <Link href="/report" className="button primary report-button">{m.report}</Link>
      </div>
    </header>
  );
}
