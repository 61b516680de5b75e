/*
 * Web Push in the service worker: shows the notifications the server sends (src/channels/push.ts)
 * and opens their page when tapped. Plain JavaScript, copied as it is into the build and
 * imported by the generated sw.js (workbox importScripts in web/vite.config.ts).
 */
/* global self, clients */

self.addEventListener("push", (event) => {
  let data = {};
  try {
    data = event.data ? event.data.json() : {};
  } catch {
    data = { body: event.data ? event.data.text() : "" };
  }
  const url = typeof data.url === "string" ? data.url : "/";
  event.waitUntil(self.registration.showNotification(data.title || self.location.hostname, {
    body: data.body || "",
    lang: data.lang || "",
    dir: data.dir === "rtl" || data.dir === "ltr" ? data.dir : "auto",
    icon: "/icons/icon-192.png",
    badge: "/icons/icon-192.png",
    // One notification per page: a newer update of the same report replaces the older one, and still alerts.
    tag: url,
    renotify: true,
    data: { url },
  }));
});

self.addEventListener("notificationclick", (event) => {
  event.notification.close();
  const asked = new URL((event.notification.data && event.notification.data.url) || "/", self.location.origin);
  // Only our own pages: a link elsewhere opens the same path here.
  const target = asked.origin === self.location.origin ? asked : new URL(asked.pathname + asked.search + asked.hash, self.location.origin);
  event.waitUntil((async () => {
    const windows = await clients.matchAll({ type: "window", includeUncontrolled: true });
    const open = windows.find((w) => w.url === target.href);
    if (open) return open.focus();
    return clients.openWindow(target.href);
  })());
});
