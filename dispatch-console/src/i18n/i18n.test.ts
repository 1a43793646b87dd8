import { describe, expect, it } from 'vitest';
import {
  ALARM_EVENT_TYPES,
  ALERT_CERTAINTIES,
  ALERT_EVENT_TYPES,
  ALERT_EVENTS,
  ALERT_SEVERITIES,
  ALERT_STATES,
  ALERT_URGENCIES,
  DEVICE_STATES,
  INCIDENT_KINDS,
  INCIDENT_STATUSES,
  TRUST_LEVELS,
  TRUST_REASON_CODES,
  UNIT_STATUSES,
  UNIT_TYPES,
} from '../api/types';
import { ALERT_PROBLEMS } from '../controller';
import { AREA_PROBLEMS } from '../views/alertDraw';
import { en } from './en';
import { formatAge, formatClock, formatCount, formatDistance } from './format';
import { dictionaries, type Lang, LANGS, loadLang, type MessageKey, translate, translator } from './index';
import { vi } from './vi';

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('dictionaries', () => {
  it('have exactly the same keys in Vietnamese and English', () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(vi).sort());
  });

  it.each(LANGS)('have no empty text in %s', (lang) => {
    for (const [key, text] of Object.entries(dictionaries[lang])) {
      expect(text.trim(), key).not.toBe('');
    }
  });

  it('use the same placeholders in both languages', () => {
    for (const key of Object.keys(vi) as MessageKey[]) {
      for (const form of en[key].split('|')) {
        expect(placeholders(form), key).toEqual(placeholders(vi[key]));
      }
    }
  });

  it('name every status, kind, unit type and unit status the API can send', () => {
    const keys = [
      ...INCIDENT_STATUSES.map((s) => `status.${s}`),
      ...INCIDENT_KINDS.map((k) => `kind.${k}`),
      ...UNIT_TYPES.map((u) => `unitType.${u}`),
      ...UNIT_STATUSES.map((u) => `unitStatus.${u}`),
    ];
    for (const lang of LANGS) {
      for (const key of keys) expect(dictionaries[lang], `${lang} ${key}`).toHaveProperty(key);
    }
  });
});

describe('area alerts', () => {
  it('have words for every CAP value, alert state, area problem, refusal and alert event', () => {
    const keys = [
      ...ALERT_EVENTS.map((e) => `alertEvent.${e}`),
      ...ALERT_SEVERITIES.map((v) => `severity.${v}`),
      ...ALERT_URGENCIES.map((v) => `urgency.${v}`),
      ...ALERT_CERTAINTIES.map((v) => `certainty.${v}`),
      ...ALERT_STATES.map((v) => `alertState.${v}`),
      ...AREA_PROBLEMS.map((p) => `alertArea.${p}`),
      ...ALERT_PROBLEMS.map((p) => `alertProblem.${p}`),
      ...ALERT_EVENT_TYPES.map((type) => `timeline.${type}`),
    ];
    for (const lang of LANGS) {
      for (const key of keys) expect(dictionaries[lang], `${lang} ${key}`).toHaveProperty(key);
    }
  });

  it('say the refusal a dispatcher meets outside their provinces in Vietnamese with diacritics', () => {
    expect(translate('vi', 'alertProblem.out-of-jurisdiction')).toBe(
      'Vùng cảnh báo có phần nằm ngoài địa bàn của bạn.',
    );
    expect(translate('en', 'alertForm.vertices', { n: 1 })).toBe('1 point');
    expect(translate('vi', 'alertForm.vertices', { n: 4 })).toBe('4 điểm');
  });
});

describe('fire alarms', () => {
  it('have words for every device state and alarm timeline entry', () => {
    const keys = [
      ...DEVICE_STATES.map((state) => `deviceState.${state}`),
      ...ALARM_EVENT_TYPES.map((type) => `timeline.${type}`),
    ];
    for (const lang of LANGS) {
      for (const key of keys) expect(dictionaries[lang], `${lang} ${key}`).toHaveProperty(key);
    }
  });

  it('say them in Vietnamese with diacritics', () => {
    expect(translate('vi', 'alarm.badge')).toBe('Báo cháy tự động');
    expect(translate('vi', 'devices.title')).toBe('Thiết bị báo cháy');
    expect(DEVICE_STATES.map((state) => translate('vi', `deviceState.${state}`))).toEqual([
      'Bình thường',
      'Lỗi',
      'Mất liên lạc',
      'Chưa từng liên lạc',
    ]);
    expect(translate('vi', 'premises.floors', { n: 7 })).toBe('Số tầng: 7');
    expect(translate('vi', 'premises.contacts')).toBe('Liên hệ');
    expect(translate('vi', 'timeline.AlarmRestored', { zone: '015' })).toBe('Vùng 015: đã khôi phục (không đóng sự cố)');
  });
});

describe('translate', () => {
  it('fills placeholders and picks English plurals', () => {
    expect(translate('vi', 'queue.reports', { n: 1 })).toBe('1 tin báo');
    expect(translate('vi', 'queue.reports', { n: 3 })).toBe('3 tin báo');
    expect(translate('en', 'queue.reports', { n: 1 })).toBe('1 report');
    expect(translate('en', 'queue.reports', { n: 3 })).toBe('3 reports');
  });

  it('remembers English only when chosen, Vietnamese otherwise', () => {
    const stored = (value: string | null) => ({ getItem: () => value });
    expect(loadLang(stored('en'))).toBe('en');
    expect(loadLang(stored(null))).toBe('vi');
    expect(loadLang(stored('fr'))).toBe('vi');
    expect(loadLang(null)).toBe('vi');
  });
});

describe('formats', () => {
  const t = (lang: Lang) => translator(lang);
  const at = Date.parse('2026-11-23T10:00:00Z');

  it('shows ages in seconds, minutes, hours and days', () => {
    const from = '2026-11-23T10:00:00Z';
    expect(formatAge(t('vi'), from, at + 42_000)).toBe('42 giây');
    expect(formatAge(t('vi'), from, at + 3 * 60_000 + 59_000)).toBe('3 phút');
    expect(formatAge(t('vi'), from, at + (2 * 60 + 5) * 60_000)).toBe('2 giờ 5 phút');
    expect(formatAge(t('en'), from, at + (27 * 60) * 60_000)).toBe('1 d 3 h');
    expect(formatAge(t('en'), from, at - 5_000)).toBe('0 s');
  });

  it('shows distances in m below 1 km, with the language\'s decimal mark', () => {
    expect(formatDistance('vi', 850.4)).toBe('850 m');
    expect(formatDistance('vi', 3240)).toBe('3,2 km');
    expect(formatDistance('en', 3240)).toBe('3.2 km');
    expect(formatDistance('en', 25_400)).toBe('25 km');
  });

  it('shows the time of day, and the date when it is not today', () => {
    const local = new Date(2026, 10, 23, 9, 5, 7);
    expect(formatClock(local.toISOString(), new Date(2026, 10, 23, 18, 0, 0).getTime())).toBe('09:05:07');
    expect(formatClock(local.toISOString(), new Date(2026, 10, 24, 1, 0, 0).getTime())).toBe('23/11 09:05:07');
    expect(formatClock(null, at)).toBe('—');
  });
});

describe('counts', () => {
  it('group digits in threes: a space in Vietnamese, a comma in English', () => {
    expect(formatCount('vi', 59_000)).toBe('59 000');
    expect(formatCount('vi', 1_234_567)).toBe('1 234 567');
    expect(formatCount('en', 59_000)).toBe('59,000');
    expect(formatCount('en', 500)).toBe('500');
    expect(formatCount('vi', 0)).toBe('0');
  });

  it('say the true NEW count in the queue header, with English plurals of formatted numbers', () => {
    expect(translate('vi', 'queue.newCount', { n: formatCount('vi', 59_000) })).toBe('59 000 sự cố mới');
    expect(translate('vi', 'queue.showing', { n: formatCount('vi', 500) })).toBe('(đang hiện 500)');
    expect(translate('en', 'queue.newCount', { n: formatCount('en', 59_000) })).toBe('59,000 new incidents');
    expect(translate('en', 'queue.newCount', { n: formatCount('en', 1) })).toBe('1 new incident');
    expect(translate('en', 'queue.showing', { n: '500' })).toBe('(showing 500)');
  });

  it('name every trust level and reason code', () => {
    for (const lang of LANGS) {
      for (const level of TRUST_LEVELS) expect(dictionaries[lang]).toHaveProperty(`trust.${level}`);
      for (const code of TRUST_REASON_CODES) expect(dictionaries[lang]).toHaveProperty(`trustReason.${code}`);
    }
  });
});
