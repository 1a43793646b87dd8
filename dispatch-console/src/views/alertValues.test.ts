import { describe, expect, it } from 'vitest';
import { Alerts } from '../test/factories';
import { circleAround } from './alertDraw';
import {
  type AlertFormValues,
  alertRequest,
  DEFAULT_EXPIRY_MS,
  eventForIncident,
  fromLocalInput,
  isPlainText,
  MAX_EXPIRY_MS,
  newAlertValues,
  toLocalInput,
  validateAlert,
  valuesOf,
} from './alertValues';

const now = new Date(2026, 10, 23, 10, 0, 0).getTime();
const area = circleAround({ lat: 21.3856, lon: 103.0169 }, 500);

/** A form a dispatcher filled in correctly. */
function filled(changes: Partial<AlertFormValues> = {}): AlertFormValues {
  return {
    ...newAlertValues(now),
    headlineVi: ' Cháy chợ Mường Thanh ',
    headlineEn: 'Fire at Mường Thanh market',
    instructionVi: 'Rời khỏi chợ ngay.\nKhông quay lại lấy đồ.',
    instructionEn: 'Leave the market now.',
    ...changes,
  };
}

describe('the expiry field', () => {
  it('holds local time to the minute, two hours from now by default', () => {
    expect(toLocalInput(now)).toBe('2026-11-23T10:00');
    expect(newAlertValues(now).expires).toBe('2026-11-23T12:00');
    expect(fromLocalInput('2026-11-23T12:00')).toBe(now + DEFAULT_EXPIRY_MS);
    expect(fromLocalInput('2026-11-23T12:00:30')).toBe(now + DEFAULT_EXPIRY_MS + 30_000);
  });

  it('is not a time when it is not one', () => {
    expect(fromLocalInput('')).toBeNaN();
    expect(fromLocalInput('2026-02-30T10:00')).toBeNaN();
    expect(fromLocalInput('ngày mai')).toBeNaN();
  });
});

describe('checking the form before sending', () => {
  it('finds nothing wrong with a well filled form', () => {
    expect(validateAlert(filled(), area, now)).toEqual({});
  });

  it('asks for every text in both languages, and for an area', () => {
    const problems = validateAlert(newAlertValues(now), null, now);
    expect(problems).toEqual({
      'headline.vi': { key: 'alertForm.required' },
      'headline.en': { key: 'alertForm.required' },
      'instruction.vi': { key: 'alertForm.required' },
      'instruction.en': { key: 'alertForm.required' },
      area: { key: 'alertArea.noArea' },
    });
  });

  it('holds headlines to 160 characters and instructions to 1000, as plain text', () => {
    const problems = validateAlert(
      filled({ headlineEn: 'x'.repeat(161), instructionVi: 'ư'.repeat(1001), headlineVi: 'Cháy \u202Eoglav' }),
      area,
      now,
    );
    expect(problems).toEqual({
      'headline.en': { key: 'alertForm.tooLong', params: { max: 160 } },
      'instruction.vi': { key: 'alertForm.tooLong', params: { max: 1000 } },
      'headline.vi': { key: 'alertForm.notPlain' },
    });
    expect(validateAlert(filled({ headlineEn: 'x'.repeat(160) }), area, now)).toEqual({});
    expect(isPlainText('Dòng một\nDòng hai\tcột')).toBe(true);
    expect(isPlainText('nul\u0000')).toBe(false);
  });

  it('wants an expiry more than 5 minutes and at most 7 days away', () => {
    const at = (ms: number) => filled({ expires: toLocalInput(ms) });
    expect(validateAlert(at(now + 5 * 60_000), area, now).expiresAt).toEqual({ key: 'alertForm.expiryTooSoon' });
    expect(validateAlert(at(now + 6 * 60_000), area, now).expiresAt).toBeUndefined();
    expect(validateAlert(at(now + MAX_EXPIRY_MS), area, now).expiresAt).toBeUndefined();
    expect(validateAlert(at(now + MAX_EXPIRY_MS + 60_000), area, now).expiresAt).toEqual({
      key: 'alertForm.expiryTooLate',
    });
    expect(validateAlert(filled({ expires: '' }), area, now).expiresAt).toEqual({ key: 'alertForm.expiryInvalid' });
  });

  it('says what is wrong with the area', () => {
    expect(validateAlert(filled(), circleAround({ lat: 21, lon: 105 }, 60_000), now).area).toEqual({
      key: 'alertArea.radiusTooLarge',
    });
  });
});

describe('the request', () => {
  it('carries the trimmed texts, the area, the expiry as an instant, and the incident when linked', () => {
    const request = alertRequest(filled({ incidentId: 'inc-7' }), area);
    expect(request).toEqual({
      event: 'FIRE',
      severity: 'Severe',
      urgency: 'Immediate',
      certainty: 'Observed',
      headline: { vi: 'Cháy chợ Mường Thanh', en: 'Fire at Mường Thanh market' },
      instruction: { vi: 'Rời khỏi chợ ngay.\nKhông quay lại lấy đồ.', en: 'Leave the market now.' },
      area,
      expiresAt: new Date(now + DEFAULT_EXPIRY_MS).toISOString(),
      incidentId: 'inc-7',
    });
    expect(alertRequest(filled(), area)).not.toHaveProperty('incidentId');
  });

  it("starts an update from the alert's own values", () => {
    const alert = Alerts.around({
      severity: 'Moderate',
      incidentId: 'inc-3',
      expires: new Date(now + 3_600_000).toISOString(),
    });
    const values = valuesOf(alert);
    expect(values).toMatchObject({ severity: 'Moderate', headlineEn: alert.headline.en, incidentId: 'inc-3' });
    expect(alertRequest(values, alert.area).expiresAt).toBe(alert.expires);
  });

  it('suggests the event from the incident', () => {
    expect(eventForIncident('FIRE')).toBe('FIRE');
    expect(eventForIncident('EXPLOSION')).toBe('EXPLOSION');
    expect(eventForIncident('RESCUE')).toBe('OTHER');
  });
});
