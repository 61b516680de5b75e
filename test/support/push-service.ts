/**
 * A browser's push service on loopback, for tests: HTTPS with a self-signed certificate (web-push
 * only speaks https), a browser-side subscriber key pair, and decryption of what it receives
 * (RFC 8291 aes128gcm), as the browser would do it.
 */
import { execFileSync } from "node:child_process";
import { createECDH, randomBytes, type ECDH } from "node:crypto";
import fs from "node:fs";
import https from "node:https";
import os from "node:os";
import path from "node:path";
import { decrypt } from "http_ece";

export function selfSignedCertificate(): { key: string; cert: string } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "baladiya-push-"));
  try {
    execFileSync("openssl", ["req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes", "-days", "1",
      "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1", "-keyout", path.join(dir, "key.pem"), "-out", path.join(dir, "cert.pem")], { stdio: "ignore" });
    return { key: fs.readFileSync(path.join(dir, "key.pem"), "utf8"), cert: fs.readFileSync(path.join(dir, "cert.pem"), "utf8") };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** A browser's subscription: its own P-256 key pair and a 16-byte auth secret. */
export function subscriber() {
  const ecdh = createECDH("prime256v1");
  ecdh.generateKeys();
  const auth = randomBytes(16);
  return { ecdh, auth, keys: { p256dh: ecdh.getPublicKey().toString("base64url"), auth: auth.toString("base64url") } };
}

export function decryptPush(body: Buffer, ecdh: ECDH, auth: Buffer) {
  return JSON.parse(decrypt(body, { version: "aes128gcm", privateKey: ecdh, authSecret: auth }).toString("utf8"));
}

/** An HTTPS push service recording each push; answers with the queued statuses, then 201. */
export async function startPushService() {
  const tls = selfSignedCertificate();
  const received: { path: string; body: Buffer }[] = [];
  const replies: number[] = [];
  const server = https.createServer({ key: tls.key, cert: tls.cert }, (req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      received.push({ path: req.url!, body: Buffer.concat(chunks) });
      res.writeHead(replies.shift() ?? 201).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as { port: number }).port;
  return {
    url: `https://127.0.0.1:${port}`, received, replies,
    /** Trusts this service's certificate (createChannels' pushAgent). */
    agent: new https.Agent({ ca: tls.cert }),
    close: () => new Promise<void>((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }),
  };
}
