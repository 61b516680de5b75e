/**
 * The city the app serves (categories, areas, authorities, places, map settings), from
 * GET /api/city. The last answer is kept in localStorage so the app starts, and a report
 * can be written, without a connection.
 */
import { createContext, useContext, useEffect, useState, type ReactNode } from "react";
import { api } from "./api.ts";
import type { City } from "./types.ts";

const CityContext = createContext<City | null>(null);
const STORAGE_KEY = "city";

function stored(): City | null {
  try {
    const raw = localStorage.getItem(STORAGE_KEY);
    return raw ? (JSON.parse(raw) as City) : null;
  } catch {
    return null;
  }
}

export function CityProvider({ children, fallback }: { children: ReactNode; fallback: ReactNode }) {
  const [city, setCity] = useState<City | null>(stored);
  useEffect(() => {
    api<City>("/api/city").then((c) => {
      setCity(c);
      localStorage.setItem(STORAGE_KEY, JSON.stringify(c));
    }, () => { /* offline: keep the stored city */ });
  }, []);
  return city ? <CityContext.Provider value={city}>{children}</CityContext.Provider> : <>{fallback}</>;
}

export function useCity(): City {
  const c = useContext(CityContext);
  if (!c) throw new Error("useCity outside CityProvider");
  return c;
}
