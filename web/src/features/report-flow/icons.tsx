/** Line icons drawn inline (no icon font, no emoji font needed on the phone); all decorative. */
import type { ReactNode } from "react";

function Icon({ children, size = 20 }: { children: ReactNode; size?: number }) {
  return (
    <svg viewBox="0 0 24 24" width={size} height={size} aria-hidden="true" focusable="false" fill="none"
      stroke="currentColor" strokeWidth="2" strokeLinecap="round" strokeLinejoin="round">
      {children}
    </svg>
  );
}

export const LocateIcon = () => (
  <Icon><circle cx="12" cy="12" r="7" /><circle cx="12" cy="12" r="2.5" fill="currentColor" /><path d="M12 1v4M12 19v4M1 12h4M19 12h4" /></Icon>
);

export const CameraIcon = () => (
  <Icon><path d="M4 7h3l2-3h6l2 3h3a1 1 0 0 1 1 1v11a1 1 0 0 1-1 1H4a1 1 0 0 1-1-1V8a1 1 0 0 1 1-1z" /><circle cx="12" cy="13" r="4" /></Icon>
);

/** One drawing per category group of the city pack; unknown groups get a map pin. */
const groupPaths: Record<string, ReactNode> = {
  roads: <><path d="M8 3 4 21M16 3l4 18" /><path d="M12 4v3M12 10v4M12 17v3" /></>,
  lighting: <><path d="M9 18h6M10 21h4" /><path d="M12 3a6 6 0 0 0-3.5 10.9c.6.5 1 1.2 1 2.1h5c0-.9.4-1.6 1-2.1A6 6 0 0 0 12 3z" /></>,
  cleanliness: <><path d="M4 7h16M10 11v6M14 11v6" /><path d="M6 7l1 13h10l1-13M9 7V4h6v3" /></>,
  water: <path d="M12 3s6 7 6 11a6 6 0 0 1-12 0c0-4 6-11 6-11z" />,
  mobility: <><rect x="8" y="2" width="8" height="20" rx="2" /><circle cx="12" cy="7" r="1.5" /><circle cx="12" cy="12" r="1.5" /><circle cx="12" cy="17" r="1.5" /></>,
  environment: <><path d="M12 22v-7" /><path d="M12 15c-4 0-7-2.5-7-6.5S8.5 2 12 2s7 2.5 7 6.5-3 6.5-7 6.5z" /></>,
  safety: <><path d="M12 3 2 20h20L12 3z" /><path d="M12 10v4M12 17v.5" /></>,
  health: <><path d="M12 21s-8-5-8-11a4.5 4.5 0 0 1 8-2.8A4.5 4.5 0 0 1 20 10c0 6-8 11-8 11z" /><path d="M12 10v5M9.5 12.5h5" /></>,
  other: <><circle cx="12" cy="12" r="9" /><path d="M12 8v.5M12 11v5" /></>,
};

export function GroupIcon({ group }: { group: string }) {
  return <Icon size={28}>{groupPaths[group] ?? <><path d="M12 22s7-7 7-12a7 7 0 0 0-14 0c0 5 7 12 7 12z" /><circle cx="12" cy="10" r="2.5" /></>}</Icon>;
}
