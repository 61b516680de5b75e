/**
 * Before any test: the web app is built once for this run, into a directory of its own
 * (WEB_DIR, read by test/support/browser.ts), so a rebuild elsewhere never changes the files
 * under a running test; removed after the run.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { buildWeb } from "../../src/server/build-web.ts";

export default async function setup(): Promise<() => void> {
  const outDir = fs.mkdtempSync(path.join(os.tmpdir(), "baladiya-web-"));
  await buildWeb(() => {}, outDir);
  process.env.WEB_DIR = outDir;
  return () => fs.rmSync(outDir, { recursive: true, force: true });
}
