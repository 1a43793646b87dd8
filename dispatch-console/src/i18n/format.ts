import type { Lang, Translate } from './index';

/**
 * How long ago something happened, as a dispatcher reads it at a glance: "45 giây", "3 phút",
 * "2 giờ 5 phút", "1 ngày 3 giờ". A time slightly in the future (clock skew) reads as 0.
 */
export function formatAge(t: Translate, fromIso: string, nowMs: number): string {
  const from = Date.parse(fromIso);
  if (Number.isNaN(from)) return '—';
  const seconds = Math.max(0, Math.floor((nowMs - from) / 1000));
  if (seconds < 60) return t('age.seconds', { n: seconds });
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return t('age.minutes', { n: minutes });
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return t('age.hours', { h: hours, m: minutes % 60 });
  return t('age.days', { d: Math.floor(hours / 24), h: hours % 24 });
}

/** "850 m", "3,2 km" (vi) / "3.2 km" (en), "25 km". */
export function formatDistance(lang: Lang, meters: number): string {
  if (!Number.isFinite(meters) || meters < 0) return '—';
  if (meters < 1000) return `${Math.round(meters)} m`;
  const km = meters / 1000;
  const text = km < 10 ? km.toFixed(1) : String(Math.round(km));
  return `${lang === 'vi' ? text.replace('.', ',') : text} km`;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** Wall-clock time in the console's time zone: "14:05:09", with the date when not today. */
export function formatClock(iso: string | null, nowMs: number): string {
  if (!iso) return '—';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '—';
  const time = `${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}`;
  const now = new Date(nowMs);
  const sameDay =
    date.getFullYear() === now.getFullYear() &&
    date.getMonth() === now.getMonth() &&
    date.getDate() === now.getDate();
  return sameDay ? time : `${pad(date.getDate())}/${pad(date.getMonth() + 1)} ${time}`;
}

/**
 * A count with the language's digit grouping: "59 000" (vi: a space between groups of three, as
 * Vietnamese standards write it), "59,000" (en). Counts stay on one line where they are shown.
 */
export function formatCount(lang: Lang, n: number): string {
  if (!Number.isFinite(n)) return '—';
  const sign = n < 0 ? '-' : '';
  const digits = String(Math.round(Math.abs(n)));
  const separator = lang === 'vi' ? ' ' : ',';
  return sign + digits.replace(/\B(?=(\d{3})+(?!\d))/g, separator);
}
