import { createRoot } from "react-dom/client";
import { App } from "./app/App.tsx";
import { startQueueFlushing } from "./lib/offline-queue.ts";
import "./styles/base.css";

createRoot(document.getElementById("root")!).render(<App />);
startQueueFlushing();

// The service worker makes the app installable and lets it open without a connection.
if (import.meta.env.PROD && "serviceWorker" in navigator) {
  window.addEventListener("load", () => void navigator.serviceWorker.register("/sw.js"));
}
