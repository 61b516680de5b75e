/**
 * Writes a Brotli (.br) and a gzip (.gz) copy beside every text asset of the build, at the
 * highest levels, once: the server sends them as they are (@fastify/static preCompressed), so
 * a phone on 3G downloads a third of the bytes and the server spends no CPU compressing.
 * A few lines of zlib: no plugin needed for it.
 */
import fs from "node:fs";
import path from "node:path";
import zlib from "node:zlib";
import type { Plugin } from "vite";

const COMPRESSIBLE = /\.(js|css|svg|json|webmanifest|txt|map)$/;

function* files(dir: string): Generator<string> {
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) yield* files(full);
    else yield full;
  }
}

export function precompress(): Plugin {
  let outDir = "";
  return {
    name: "baladiya-precompress",
    apply: "build",
    // After the service worker plugin, so sw.js and workbox-*.js are compressed too.
    enforce: "post",
    configResolved(config) {
      outDir = path.resolve(config.root, config.build.outDir);
    },
    closeBundle: {
      order: "post",
      handler() {
        for (const file of files(outDir)) {
          if (!COMPRESSIBLE.test(file) || fs.statSync(file).size < 1024) continue;
          const data = fs.readFileSync(file);
          fs.writeFileSync(`${file}.br`, zlib.brotliCompressSync(data, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11 } }));
          fs.writeFileSync(`${file}.gz`, zlib.gzipSync(data, { level: 9 }));
        }
      },
    },
  };
}
