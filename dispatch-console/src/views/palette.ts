import type { AlertState, DeviceState, IncidentStatus, UnitStatus } from '../api/types';

// One palette for the whole console, dark for a dim control room. Status colours always come
// with the status written out; the text on each colour meets WCAG AA (checked by a test).

export const theme = {
  bg: '#0b1220',
  panel: '#131c2e',
  raised: '#1c2840',
  border: '#34445f',
  text: '#eef2f8',
  muted: '#b0bccd',
  link: '#8cc8ff',
  focus: '#ffd34d',
  error: '#ff9e96',
  ok: '#86e3ad',
  mapBg: '#0e1626',
  provinceFill: '#1f2d45',
  provinceLine: '#8fa3c0',
  stationFill: '#e3f2fd',
  markerOutline: '#ffffff',
  /** Area alerts on the map: a colour no incident status uses, dashed, so an area is never read as an incident. */
  alertArea: '#ff7ad9',
  /** Cancelled and expired alerts (listed for 24 h). */
  alertEnded: '#b0bccd',
} as const;

export interface Swatch {
  bg: string;
  fg: string;
}

export const incidentColours: Record<IncidentStatus, Swatch> = {
  NEW: { bg: '#c62828', fg: '#ffffff' },
  ACKNOWLEDGED: { bg: '#f9a825', fg: '#111111' },
  DISPATCHED: { bg: '#1565c0', fg: '#ffffff' },
  ON_SCENE: { bg: '#6a1b9a', fg: '#ffffff' },
  CONTROLLED: { bg: '#2e7d32', fg: '#ffffff' },
  CLOSED: { bg: '#546e7a', fg: '#ffffff' },
  FALSE_ALARM: { bg: '#795548', fg: '#ffffff' },
  MERGED: { bg: '#616161', fg: '#ffffff' },
};

/** Map clusters: like NEW when most of their incidents are NEW, light otherwise (white-edged). */
export const clusterColours: Record<'new' | 'mixed', Swatch> = {
  new: incidentColours.NEW,
  mixed: { bg: '#dbe4f0', fg: '#0b1220' },
};

export const unitColours: Record<UnitStatus, Swatch> = {
  AVAILABLE: { bg: '#2e7d32', fg: '#ffffff' },
  DISPATCHED: { bg: '#1565c0', fg: '#ffffff' },
  EN_ROUTE: { bg: '#00695c', fg: '#ffffff' },
  ON_SCENE: { bg: '#6a1b9a', fg: '#ffffff' },
  RETURNING: { bg: '#f9a825', fg: '#111111' },
  OUT_OF_SERVICE: { bg: '#616161', fg: '#ffffff' },
};

export const alertStateColours: Record<AlertState, Swatch> = {
  ACTIVE: { bg: '#ad1457', fg: '#ffffff' },
  CANCELLED: { bg: '#546e7a', fg: '#ffffff' },
  EXPIRED: { bg: '#616161', fg: '#ffffff' },
};

/** Fire-alarm transmitters on the device board and the premises card. */
export const deviceColours: Record<DeviceState, Swatch> = {
  NORMAL: { bg: '#2e7d32', fg: '#ffffff' },
  FAULT: { bg: '#bf360c', fg: '#ffffff' },
  SILENT: { bg: '#f9a825', fg: '#111111' },
  UNKNOWN: { bg: '#616161', fg: '#ffffff' },
};

/** WCAG 2 relative luminance of a #rrggbb colour. */
export function luminance(hex: string): number {
  const channel = (offset: number) => {
    const value = parseInt(hex.slice(offset, offset + 2), 16) / 255;
    return value <= 0.04045 ? value / 12.92 : ((value + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * channel(1) + 0.7152 * channel(3) + 0.0722 * channel(5);
}

/** WCAG 2 contrast ratio, 1 to 21. */
export function contrast(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
}

/** Puts the theme into CSS custom properties (--bg, --panel, …) for styles.css. */
export function applyTheme(root: HTMLElement): void {
  for (const [name, value] of Object.entries(theme)) {
    root.style.setProperty(`--${name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`, value);
  }
}
