import { describe, expect, it } from 'vitest';
import { alertStateColours, clusterColours, contrast, deviceColours, incidentColours, theme, unitColours } from './palette';

// WCAG 2.1 AA: 4.5:1 for text, 3:1 for large text and for graphical objects (map markers).
describe('palette contrast', () => {
  it('computes the WCAG ratio', () => {
    expect(contrast('#000000', '#ffffff')).toBeCloseTo(21, 5);
    expect(contrast('#777777', '#ffffff')).toBeCloseTo(4.48, 2);
  });

  it.each(Object.entries(incidentColours))('incident status %s text is readable on its colour', (_, swatch) => {
    expect(contrast(swatch.fg, swatch.bg)).toBeGreaterThanOrEqual(4.5);
  });

  it.each(Object.entries(unitColours))('unit status %s text is readable on its colour', (_, swatch) => {
    expect(contrast(swatch.fg, swatch.bg)).toBeGreaterThanOrEqual(4.5);
  });

  it.each(Object.entries(deviceColours))('device state %s text is readable on its colour', (_, swatch) => {
    expect(contrast(swatch.fg, swatch.bg)).toBeGreaterThanOrEqual(4.5);
  });

  it('body, secondary, link, error and success text are readable on every surface', () => {
    for (const surface of [theme.bg, theme.panel, theme.raised]) {
      for (const text of [theme.text, theme.muted, theme.link, theme.error, theme.ok, theme.focus]) {
        expect(contrast(text, surface), `${text} on ${surface}`).toBeGreaterThanOrEqual(4.5);
      }
    }
  });

  it('dark text on the light buttons (primary, armed danger) is readable', () => {
    expect(contrast(theme.bg, theme.link)).toBeGreaterThanOrEqual(4.5);
    expect(contrast(theme.bg, theme.error)).toBeGreaterThanOrEqual(4.5);
  });

  it('map markers stand out from the offline base map', () => {
    for (const ground of [theme.mapBg, theme.provinceFill]) {
      expect(contrast(theme.markerOutline, ground)).toBeGreaterThanOrEqual(3);
      expect(contrast(theme.stationFill, ground)).toBeGreaterThanOrEqual(3);
      expect(contrast(theme.provinceLine, ground)).toBeGreaterThanOrEqual(3);
      expect(contrast(theme.focus, ground)).toBeGreaterThanOrEqual(3);
    }
  });

  it('alert areas stand out from the offline base map, and alert states are readable', () => {
    for (const ground of [theme.mapBg, theme.provinceFill]) {
      expect(contrast(theme.alertArea, ground)).toBeGreaterThanOrEqual(3);
      expect(contrast(theme.alertEnded, ground)).toBeGreaterThanOrEqual(3);
    }
    for (const swatch of Object.values(alertStateColours)) {
      expect(contrast(swatch.fg, swatch.bg)).toBeGreaterThanOrEqual(4.5);
    }
    // Also written with it (the top bar's button when alerts are in force).
    for (const surface of [theme.bg, theme.panel, theme.raised]) {
      expect(contrast(theme.alertArea, surface)).toBeGreaterThanOrEqual(4.5);
    }
    // Not the colour of any incident status: an area is never taken for an incident.
    expect(Object.values(incidentColours).map((s) => s.bg)).not.toContain(theme.alertArea);
  });

  it('map cluster counts are readable, and clusters stand out from the base map (white edge)', () => {
    for (const swatch of Object.values(clusterColours)) {
      expect(contrast(swatch.fg, swatch.bg)).toBeGreaterThanOrEqual(4.5);
      expect(contrast(theme.markerOutline, swatch.bg) >= 3 || contrast(swatch.bg, theme.mapBg) >= 3).toBe(true);
    }
  });
});
