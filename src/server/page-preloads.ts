/**
 * What a page will ask for as it opens, named in its HTML so the browser fetches it beside the
 * entry script: the lazily loaded script chunks (`<link rel="modulepreload">`) and, for the
 * insights pages, their figures (`<link rel="preload" as="fetch">`).
 *
 * Without them the browser learns of a page's chunk only once the entry script has run and
 * /api/city has answered: one more round trip in a waterfall (the staff insights page had two —
 * the console's chunk, then the page's — before its first data request). Preloaded, the chunks
 * download beside the entry script, and the page asks for its data as soon as the city is known.
 *
 * The chunk files are read from the manifest Vite writes beside the build (`build.manifest`),
 * keyed by source file; an old build without it simply gets no hints.
 */
import fs from "node:fs";
import path from "node:path";
import { dashboardRequest, staffInsightsRequests } from "../insights/index.ts";
import { isStaff, type Actor } from "../people/index.ts";

const escapeAttr = (s: string) => s.replace(/&/g, "&amp;").replace(/"/g, "&quot;");

/** Pages and the lazy modules (paths under web/) they mount, first match wins. */
const ROUTES: [RegExp, string[]][] = [
  [/^\/transparency$/, ["src/features/transparency/TransparencyPage.tsx"]],
  [/^\/staff\/insights$/, ["src/staff/StaffApp.tsx", "src/staff/insights/InsightsPage.tsx"]],
  [/^\/staff\/admin(\/|$)/, ["src/staff/StaffApp.tsx", "src/staff/admin/AdminApp.tsx"]],
  [/^\/staff(\/|$)/, ["src/staff/StaffApp.tsx"]],
  [/^\/report$/, ["src/features/report-flow/ReportFlowPage.tsx"]],
  [/^\/r\/[^/]+$/, ["src/features/report-page/ReportPage.tsx"]],
];

interface ManifestChunk { file: string; imports?: string[]; css?: string[]; isEntry?: boolean }
type Manifest = Record<string, ManifestChunk>;

export const MANIFEST_PATH = path.join(".vite", "manifest.json");

/**
 * The modules listed for `pathname` and every chunk they import statically, minus the entry
 * (its script tag loads it), with their stylesheets.
 */
export function chunksFor(manifest: Manifest, pathname: string): { scripts: string[]; styles: string[] } {
  const sources = ROUTES.find(([pattern]) => pattern.test(pathname))?.[1] ?? [];
  const scripts = new Set<string>();
  const styles = new Set<string>();
  const visit = (key: string) => {
    const chunk = manifest[key];
    if (!chunk || chunk.isEntry || scripts.has(chunk.file)) return;
    scripts.add(chunk.file);
    chunk.css?.forEach((css) => styles.add(css));
    chunk.imports?.forEach(visit);
  };
  sources.forEach(visit);
  return { scripts: [...scripts], styles: [...styles] };
}

/** `pathname → <link>` preload tags of a build (none when it has no manifest). */
export function routeChunkLinks(webDir: string): (pathname: string) => string[] {
  const file = path.join(webDir, MANIFEST_PATH);
  if (!fs.existsSync(file)) return () => [];
  const manifest = JSON.parse(fs.readFileSync(file, "utf8")) as Manifest;
  return (pathname) => {
    const { scripts, styles } = chunksFor(manifest, pathname);
    // Styles are only fetched: the chunk's loader applies them when it runs, as without the hint.
    return [...scripts.map((f) => `<link rel="modulepreload" href="/${f}" />`), ...styles.map((f) => `<link rel="preload" href="/${f}" as="style" />`)];
  };
}

/** The API answers a page opens with, for those who may read them (staff figures: staff only). */
export function dataPreloadLinks(pathname: string, search: string, actor: Actor, lang: string): string[] {
  const urls = pathname === "/transparency" ? [dashboardRequest(search)]
    : pathname === "/staff/insights" && isStaff(actor) ? Object.values(staffInsightsRequests(lang))
      : [];
  return urls.map((url) => `<link rel="preload" href="${escapeAttr(url)}" as="fetch" crossorigin />`);
}
