/** Named filter sets a staff member keeps on this device (localStorage): list, apply, delete. */
import { useCallback, useState } from "react";

export interface SavedView { name: string; search: string }

const KEY = "baladiya.staff.views";

function read(): SavedView[] {
  try {
    const views: unknown = JSON.parse(localStorage.getItem(KEY) ?? "[]");
    return Array.isArray(views) ? views.filter((v): v is SavedView => typeof v?.name === "string" && typeof v?.search === "string") : [];
  } catch {
    return [];
  }
}

export function useSavedViews() {
  const [views, setViews] = useState<SavedView[]>(read);
  const write = useCallback((next: SavedView[]) => {
    localStorage.setItem(KEY, JSON.stringify(next));
    setViews(next);
  }, []);
  /** A view with the same name is replaced: saving again updates it. */
  const save = (name: string, search: string) => write([...views.filter((v) => v.name !== name), { name, search }].sort((a, b) => a.name.localeCompare(b.name)));
  const remove = (name: string) => write(views.filter((v) => v.name !== name));
  return { views, save, remove };
}
