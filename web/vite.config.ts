/**
 * The web app: one citizen bundle (the map home first) and lazy chunks for everything else;
 * the staff console is its own chunk, so citizens never download it. Built into web/dist,
 * which the API server serves (src/server/web.ts) with the page shell rendered per language.
 */
import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";
import { VitePWA } from "vite-plugin-pwa";
import { precompress } from "./precompress.ts";

export default defineConfig({
  root: import.meta.dirname,
  base: "/",
  plugins: [
    react(),
    precompress(),
    VitePWA({
      strategies: "generateSW",
      registerType: "autoUpdate",
      injectRegister: false,
      manifest: false,
      workbox: {
        // index.html is rendered by the server per language: the app navigates from the network first.
        globPatterns: ["assets/**/*.{js,css,svg,png,woff2}", "icons/*.{png,svg}"],
        // The staff console is not precached: citizens never download it.
        globIgnores: ["assets/StaffApp-*", "assets/AdminApp-*"],
        navigateFallback: null,
        // Push and notification clicks (web/public/push-sw.js, copied into the build as it is).
        importScripts: ["push-sw.js"],
        runtimeCaching: [
          { urlPattern: ({ request }) => request.mode === "navigate", handler: "NetworkFirst", options: { cacheName: "pages", networkTimeoutSeconds: 4 } },
          { urlPattern: ({ url }) => url.pathname === "/api/city", handler: "StaleWhileRevalidate", options: { cacheName: "city" } },
          { urlPattern: ({ url }) => url.pathname.startsWith("/api/photos/"), handler: "CacheFirst", options: { cacheName: "photos", expiration: { maxEntries: 200 } } },
        ],
      },
    }),
  ],
  build: {
    outDir: "dist",
    emptyOutDir: true,
    target: "es2020",
    sourcemap: true,
    assetsInlineLimit: 2048,
    // Read by the server to preload each page's lazy chunks (src/server/route-chunks.ts).
    manifest: true,
  },
  server: { proxy: { "/api": "http://localhost:3000" } },
});
