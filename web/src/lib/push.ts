/**
 * Subscribing this browser to Web Push: asks permission, subscribes the service worker with
 * the server's VAPID key (GET /api/push/key) and returns what a subscription stores, the push
 * service endpoint and the keys the server encrypts for. Call it from a click: browsers block
 * permission prompts that no gesture asked for.
 */
import { api } from "./api.ts";

export interface PushSubscriptionData {
  endpoint: string;
  keys: { p256dh: string; auth: string };
}

/** Why a browser cannot subscribe: no Push API (or not https), permission refused, no service worker. */
export class PushUnavailableError extends Error {
  constructor(readonly reason: "unsupported" | "denied" | "no-worker") {
    super(`push unavailable: ${reason}`);
  }
}

/** True where Web Push can work: a secure page, a service worker, the Push and Notification APIs (iOS: installed to the home screen only). */
export function pushSupported(): boolean {
  return typeof window !== "undefined" && window.isSecureContext && "serviceWorker" in navigator && "PushManager" in window && "Notification" in window;
}

function fromBase64Url(s: string): Uint8Array<ArrayBuffer> {
  const binary = atob(s.replace(/-/g, "+").replace(/_/g, "/") + "=".repeat((4 - (s.length % 4)) % 4));
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

function sameKey(a: ArrayBuffer | null, b: Uint8Array): boolean {
  if (!a || a.byteLength !== b.length) return false;
  const view = new Uint8Array(a);
  return view.every((x, i) => x === b[i]);
}

/** The service worker's registration; it is registered after the page loads (main.tsx), and never in development. */
async function registration(): Promise<ServiceWorkerRegistration> {
  const timeout = new Promise<undefined>((resolve) => setTimeout(() => resolve(undefined), 10_000));
  const ready = await Promise.race([navigator.serviceWorker.ready, timeout]);
  if (!ready) throw new PushUnavailableError("no-worker");
  return ready;
}

export async function subscribeToPush(): Promise<PushSubscriptionData> {
  if (!pushSupported()) throw new PushUnavailableError("unsupported");
  const permission = Notification.permission === "granted" ? "granted" : await Notification.requestPermission();
  if (permission !== "granted") throw new PushUnavailableError("denied");
  const reg = await registration();
  const { publicKey } = await api<{ publicKey: string }>("/api/push/key");
  const key = fromBase64Url(publicKey);
  let subscription = await reg.pushManager.getSubscription();
  // Made with another key (the server's keys changed): push services would refuse our signature.
  if (subscription && !sameKey(subscription.options.applicationServerKey, key)) {
    await subscription.unsubscribe();
    subscription = null;
  }
  subscription ??= await reg.pushManager.subscribe({ userVisibleOnly: true, applicationServerKey: key });
  const json = subscription.toJSON();
  return { endpoint: subscription.endpoint, keys: { p256dh: json.keys?.p256dh ?? "", auth: json.keys?.auth ?? "" } };
}

/** Drops this browser's subscription; returns its endpoint (for the server to forget), or null if there was none. */
export async function unsubscribeFromPush(): Promise<string | null> {
  if (!pushSupported()) return null;
  const reg = await navigator.serviceWorker.getRegistration();
  const subscription = await reg?.pushManager.getSubscription();
  if (!subscription) return null;
  await subscription.unsubscribe();
  return subscription.endpoint;
}
