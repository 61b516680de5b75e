// http_ece (web-push's encryption) ships no types; the tests decrypt with it, as a browser would.
declare module "http_ece" {
  import type { ECDH } from "node:crypto";
  export function decrypt(buffer: Buffer, params: { version: "aes128gcm" | "aesgcm"; privateKey?: ECDH; authSecret?: Buffer | string; dh?: Buffer | string; salt?: Buffer | string }): Buffer;
}
