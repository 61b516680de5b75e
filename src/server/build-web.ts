/**
 * `npm start` builds the web app when its build is missing or older than its sources, so a
 * fresh clone needs no separate build step. Production deployments build ahead
 * (`npm run build`) and never compile at start.
 */
import fs from "node:fs";
import path from "node:path";

const WEB_ROOT = path.resolve("web");

function newestSource(dir: string): number {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === "dist" || entry.name === "node_modules") continue;
    const full = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestSource(full) : fs.statSync(full).mtimeMs);
  }
  return newest;
}

export function webBuildIsStale(webDir: string): boolean {
  const index = path.join(webDir, "index.html");
  if (!fs.existsSync(index)) return true;
  return fs.existsSync(WEB_ROOT) && newestSource(WEB_ROOT) > fs.statSync(index).mtimeMs;
}

export async function buildWeb(log: (line: string) => void = console.log, outDir?: string): Promise<void> {
  log("Building the web app (once; rebuilt when web/ changes)...");
  const { build } = await import("vite");
  // Vite follows NODE_ENV when it is set (vitest sets "test"): the app is always built for production.
  const nodeEnv = process.env.NODE_ENV;
  process.env.NODE_ENV = "production";
  try {
    await build({ configFile: path.join(WEB_ROOT, "vite.config.ts"), mode: "production", logLevel: "warn", ...(outDir ? { build: { outDir, emptyOutDir: true } } : {}) });
  } finally {
    if (nodeEnv === undefined) delete process.env.NODE_ENV;
    else process.env.NODE_ENV = nodeEnv;
  }
}
