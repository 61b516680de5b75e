/** exifr's "mini" build (JPEG, ~9 KB gzipped) ships without its own typings: it has the full build's gps(). */
declare module "exifr/dist/mini.esm.mjs" {
  export { gps } from "exifr";
}
