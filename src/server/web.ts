/**
 * Serves the built web app (web/dist): hashed assets cached for a year, the service worker
 * never cached, and every page rendered from index.html in the reader's language, with
 * `lang`/`dir`, a title, Open Graph tags (a report's own on /r/:ref, for link previews),
 * the app's CSS inlined, and a static first screen the browser paints before any script
 * runs — on a slow phone that first screen is what the citizen sees first.
 */
import fs from "node:fs";
import path from "node:path";
import fastifyStatic from "@fastify/static";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { AppError } from "../errors.ts";
import { translator, type Language } from "../i18n/index.ts";
import { getReport } from "../reports/index.ts";
import { reportsContext } from "./context.ts";
import type { PageRenderer } from "./problem.ts";
import { dataPreloadLinks, routeChunkLinks } from "./page-preloads.ts";

export function webBuildExists(webDir: string): boolean {
  return fs.existsSync(path.join(webDir, "index.html"));
}

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);

/**
 * index.html with its stylesheet links replaced by the stylesheets themselves (one round trip
 * less on 3G). Each keeps a disabled link (never fetched): Vite's loader of a lazy chunk looks
 * for the chunk's stylesheets among the page's links, and without it downloaded the inlined one
 * again and held the page's code until it came (0.5 s on a busy server).
 */
function loadTemplate(webDir: string): string {
  const html = fs.readFileSync(path.join(webDir, "index.html"), "utf8");
  return html.replace(/<link rel="stylesheet"[^>]*href="\/(assets\/[^"]+\.css)"[^>]*>/g, (_, file: string) => {
    const css = fs.readFileSync(path.join(webDir, file), "utf8");
    return `<style>${css.replace(/<\/style/gi, "<\\/style")}</style><link rel="stylesheet" href="/${file}" disabled />`;
  });
}

interface PageMeta {
  title: string;
  description: string;
  url: string;
  image?: string;
  type?: "website" | "article";
  shell: string;
  /** Atom feeds of what the page shows (feed readers find them from the page's address). */
  feeds?: { title: string; href: string }[];
}

/** Registers the files and the manifest; returns the page renderer for the not-found handler. */
export async function registerWeb(app: FastifyInstance): Promise<PageRenderer> {
  const { config } = app.ctx;
  const template = loadTemplate(config.webDir);
  const chunkLinks = routeChunkLinks(config.webDir);

  await app.register(fastifyStatic, {
    root: config.webDir,
    prefix: "/",
    index: false,
    // The build wrote .br and .gz copies of every text asset (web/precompress.ts).
    preCompressed: true,
    wildcard: true,
    decorateReply: false,
    setHeaders(res, file) {
      // With preCompressed the file served is sw.js.br or sw.js.gz: its headers are sw.js's.
      const name = path.relative(config.webDir, file).replace(/\.(br|gz)$/, "");
      if (name.startsWith("assets" + path.sep)) res.header("cache-control", "public, max-age=31536000, immutable");
      else if (name === "sw.js" || name === "push-sw.js" || name.startsWith("workbox-")) res.header("cache-control", "no-cache");
      else res.header("cache-control", "public, max-age=86400");
    },
  });

  app.get("/manifest.webmanifest", { schema: { hide: true } }, async (request, reply) => {
    const t = translator(request.lang);
    const city = request.city.manifest.name[request.lang] ?? request.city.manifest.name.fr;
    return reply.type("application/manifest+json").header("cache-control", "no-cache").send({
      name: t("page.appName", { city }),
      short_name: t("page.appName", { city }),
      description: t("page.description"),
      lang: request.lang,
      dir: request.lang === "ar" ? "rtl" : "ltr",
      start_url: "/",
      scope: "/",
      display: "standalone",
      background_color: "#ffffff",
      theme_color: "#0b6e4f",
      icons: [
        { src: "/icons/icon.svg", sizes: "any", type: "image/svg+xml", purpose: "any" },
        { src: "/icons/icon-192.png", sizes: "192x192", type: "image/png" },
        { src: "/icons/icon-512.png", sizes: "512x512", type: "image/png", purpose: "any maskable" },
      ],
    });
  });

  const render = async (request: FastifyRequest, reply: FastifyReply) => {
    const lang = request.lang;
    const [pathname, search = ""] = request.url.split("?") as [string, string?];
    const meta = await pageMeta(app, request, lang);
    const t = translator(lang);
    const head = [
      `<title>${escapeHtml(meta.title)}</title>`,
      `<meta name="description" content="${escapeHtml(meta.description)}" />`,
      `<link rel="manifest" href="/manifest.webmanifest" />`,
      `<meta property="og:site_name" content="${escapeHtml(t("page.appName", { city: request.city.manifest.name[lang] ?? "" }))}" />`,
      `<meta property="og:title" content="${escapeHtml(meta.title)}" />`,
      `<meta property="og:description" content="${escapeHtml(meta.description)}" />`,
      `<meta property="og:type" content="${meta.type ?? "website"}" />`,
      `<meta property="og:url" content="${escapeHtml(meta.url)}" />`,
      `<meta property="og:image" content="${escapeHtml(meta.image ?? `${config.publicUrl}/icons/icon-512.png`)}" />`,
      `<meta property="og:locale" content="${lang === "ar" ? "ar_MA" : lang === "fr" ? "fr_MA" : "en_GB"}" />`,
      `<meta name="twitter:card" content="${meta.image ? "summary_large_image" : "summary"}" />`,
      ...(meta.feeds ?? []).map((f) => `<link rel="alternate" type="application/atom+xml" title="${escapeHtml(f.title)}" href="${escapeHtml(f.href)}" />`),
    ].join("\n    ");
    // What the page will ask for, asked for while the app's script downloads, not after it ran
    // (on a slow 3G each round trip is two seconds): the route's code, the city, the session,
    // the maps' areas (home, transparency, staff insights), the page's data. After the app's
    // own script in the head: a browser opens six connections to a server, and data that takes
    // a while to compute must not hold them while the script waits behind it (it did: 0.85 s).
    const preloads = [
      ...chunkLinks(pathname),
      `<link rel="preload" href="/api/city" as="fetch" crossorigin />`,
      `<link rel="preload" href="/api/session" as="fetch" crossorigin />`,
      ...(["/", "/transparency", "/staff/insights"].includes(pathname) ? [`<link rel="preload" href="/api/city/areas.geojson" as="fetch" crossorigin />`] : []),
      ...dataPreloadLinks(pathname, search, request.actor, lang),
    ].join("\n    ");
    const html = template
      .replace(/<html lang="[^"]*" dir="[^"]*">/, `<html lang="${lang}" dir="${lang === "ar" ? "rtl" : "ltr"}">`)
      .replace("<!--app-head-->", head)
      .replace("</head>", `  ${preloads}\n  </head>`)
      .replace("<!--app-shell-->", `${meta.shell}<noscript><p class="shell">${escapeHtml(t("page.noscript"))}</p></noscript>`);
    return reply.type("text/html; charset=utf-8").header("cache-control", "no-cache").header("vary", "accept-language, cookie").send(html);
  };

  // The static files' wildcard route would answer "/" as a directory: the home page is rendered.
  app.get("/", { schema: { hide: true } }, render);
  return render;
}

async function pageMeta(app: FastifyInstance, request: FastifyRequest, lang: Language): Promise<PageMeta> {
  const t = translator(lang);
  const { publicUrl } = app.ctx.config;
  const city = request.city.manifest.name[lang] ?? request.city.manifest.name.fr ?? "";
  const pathname = request.url.split("?")[0]!;
  const area = request.city.areas.get(new URLSearchParams(request.url.split("?")[1] ?? "").get("area") ?? "");
  const home: PageMeta = {
    feeds: [
      ...(area ? [{ title: t("feed.areaTitle", { area: area.name[lang] ?? area.code }), href: `${publicUrl}/feeds/areas/${area.code}.atom?lang=${lang}` }] : []),
      { title: t("feed.cityTitle", { city }), href: `${publicUrl}/feeds/city.atom?lang=${lang}` },
    ],
    title: t("page.title", { city }),
    description: t("page.description"),
    url: `${publicUrl}${pathname}`,
    shell: `<section class="shell"><h1>${escapeHtml(t("page.shellHeading"))}</h1><p>${escapeHtml(t("page.shellText"))}</p>`
      + `<p><a class="button primary" href="/report">${escapeHtml(t("page.shellCta"))}</a></p></section>`,
  };
  const match = /^\/r\/([A-Z]{2,5}-\d{4}-\d{3,9})$/.exec(pathname);
  if (!match) return home;
  try {
    const anonymous = { kind: "anonymous" as const, cityId: request.city.id };
    const { report } = await getReport(reportsContext(app, request.city), anonymous, match[1]!);
    const description = report.description.length > 200 ? `${report.description.slice(0, 199)}…` : report.description;
    return {
      title: t("page.reportTitle", { ref: report.ref, title: report.title }),
      description,
      url: report.trackingUrl,
      image: report.photos[0]?.url,
      type: "article",
      feeds: [{ title: t("feed.reportTitle", { ref: report.ref, title: report.title }), href: `${publicUrl}/feeds/reports/${report.ref}.atom?lang=${lang}` }],
      shell: `<article class="shell"><h1 dir="auto">${escapeHtml(report.title)}</h1><p dir="auto">${escapeHtml(description)}</p></article>`,
    };
  } catch (err) {
    if (err instanceof AppError && err.code === "not_found") return home;
    throw err;
  }
}
