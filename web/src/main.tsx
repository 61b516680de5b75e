import { createRoot } from "react-dom/client";
import { App } from "./app/App.tsx";
import { startQueueFlushing } from "./lib/offline-queue.ts";
import "./styles/base.css";

createRoot(document.getElementById("root")!).render(<App />);
startQueueFlushing();

// The service worker makes the app installable and lets it open without a connection. It is
// registered once the page has loaded, so its precaching never competes with the first paint.
if (import.meta.env.PROD && "serviceWorker" in navigator) {
  const register = () => void navigator.serviceWorker.register("/sw.js");
  if (document.readyState === "complete") register();
  else window.addEventListener("load", register, { once: true });
}
