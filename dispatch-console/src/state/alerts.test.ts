import { describe, expect, it } from 'vitest';
import { Alerts } from '../test/factories';
import { activeCount, alertFieldOf, alertStateAt, inLanguage, serverFieldErrors, sortAlerts } from './alerts';

const at = (iso: string) => Date.parse(iso);

describe('alert state', () => {
  it('is EXPIRED for an active alert past its expiry, as the server will say', () => {
    const alert = Alerts.around({ expires: '2026-11-23T12:00:00Z' });
    expect(alertStateAt(alert, at('2026-11-23T11:59:59Z'))).toBe('ACTIVE');
    expect(alertStateAt(alert, at('2026-11-23T12:00:00Z'))).toBe('EXPIRED');
    expect(alertStateAt(Alerts.cancelled(alert), at('2026-11-23T10:30:00Z'))).toBe('CANCELLED');
  });
});

describe('the alerts list', () => {
  it('lists active alerts first, the most recent first in each group', () => {
    const now = at('2026-11-23T11:00:00Z');
    const older = Alerts.around({ sent: '2026-11-23T09:00:00Z' });
    const newer = Alerts.around({ sent: '2026-11-23T10:30:00Z' });
    const expired = Alerts.around({ sent: '2026-11-23T10:45:00Z', expires: '2026-11-23T10:50:00Z' });
    const cancelled = Alerts.cancelled(Alerts.around({ sent: '2026-11-23T08:00:00Z' }));
    const byId = Object.fromEntries([older, cancelled, expired, newer].map((a) => [a.id, a]));
    expect(sortAlerts(byId, now).map((a) => a.id)).toEqual([newer.id, older.id, expired.id, cancelled.id]);
    expect(activeCount(byId, now)).toBe(2);
    expect(sortAlerts(null, now)).toEqual([]);
  });

  it('shows headlines in the console\'s language, or the other when that one is empty', () => {
    const headline = { vi: 'Cháy lớn', en: 'Large fire' };
    expect(inLanguage(headline, 'vi')).toBe('Cháy lớn');
    expect(inLanguage(headline, 'en')).toBe('Large fire');
    expect(inLanguage({ vi: 'Cháy lớn', en: ' ' }, 'en')).toBe('Cháy lớn');
  });
});

describe("the server's field errors", () => {
  it('go to the form field they are about', () => {
    expect(alertFieldOf('headline.vi')).toBe('headline.vi');
    expect(alertFieldOf('area.circle.radiusM')).toBe('area');
    expect(alertFieldOf('area.polygon[3]')).toBe('area');
    expect(alertFieldOf('instruction')).toBe('instruction.vi');
    expect(alertFieldOf('revision')).toBeNull();
    const errors = serverFieldErrors([
      { field: 'area.polygon', message: 'must not intersect itself' },
      { field: 'area', message: 'must lie in Vietnam' },
      { field: 'revision', message: 'must be 3' },
    ]);
    expect(errors).toEqual({
      fields: { area: 'must not intersect itself; must lie in Vietnam' },
      other: ['revision must be 3'],
    });
    expect(serverFieldErrors(undefined)).toEqual({ fields: {}, other: [] });
  });
});
