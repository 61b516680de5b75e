/** Public entry of the AI domain. It depends on nothing but its own model files. */
export { normalizeArabic, normalizeForSearch, stripLatinAccents } from "./normalize.ts";
