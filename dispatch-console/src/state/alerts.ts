// The area alerts the console lists and draws: pure functions over what the server sent.
import type { AlertState, AreaAlert, Bilingual } from '../api/types';
import type { Lang } from '../i18n';

/**
 * The state to show: an ACTIVE alert whose expiry has passed is EXPIRED, as the server will say at
 * the next fetch (the list is fetched every 30 s, an expiry may fall in between).
 */
export function alertStateAt(alert: AreaAlert, now: number): AlertState {
  if (alert.state !== 'ACTIVE') return alert.state;
  const expires = Date.parse(alert.expires);
  return Number.isFinite(expires) && expires <= now ? 'EXPIRED' : 'ACTIVE';
}

/** Whether `next` may replace `current`: a revision is never replaced by an older one. */
export function isNewerAlert(current: AreaAlert | undefined, next: AreaAlert): boolean {
  return !current || next.revision >= current.revision;
}

/** The list fetched again; an alert already known in a later revision (an action's answer) keeps it. */
export function mergeAlerts(
  current: Record<string, AreaAlert> | null,
  fetched: readonly AreaAlert[],
): Record<string, AreaAlert> {
  const next: Record<string, AreaAlert> = {};
  for (const alert of fetched) {
    const known = current?.[alert.id];
    next[alert.id] = isNewerAlert(known, alert) ? alert : (known as AreaAlert);
  }
  return next;
}

const sentAt = (alert: AreaAlert) => Date.parse(alert.sent) || 0;

/** Active alerts first, then cancelled and expired ones; the most recently sent first in each. */
export function sortAlerts(alerts: Record<string, AreaAlert> | null, now: number): AreaAlert[] {
  const active = (alert: AreaAlert) => (alertStateAt(alert, now) === 'ACTIVE' ? 0 : 1);
  return Object.values(alerts ?? {}).sort(
    (a, b) => active(a) - active(b) || sentAt(b) - sentAt(a) || a.id.localeCompare(b.id),
  );
}

/** How many alerts are in force now. */
export function activeCount(alerts: Record<string, AreaAlert> | null, now: number): number {
  return Object.values(alerts ?? {}).filter((alert) => alertStateAt(alert, now) === 'ACTIVE').length;
}

/** A headline or instruction in the console's language (the other one if that one is empty). */
export function inLanguage(text: Bilingual, lang: Lang): string {
  return text[lang]?.trim() ? text[lang] : lang === 'vi' ? text.en : text.vi;
}

/** The fields of the alert form, named as the API names them in a problem's `errors`. */
export const ALERT_FIELDS = [
  'event',
  'severity',
  'urgency',
  'certainty',
  'headline.vi',
  'headline.en',
  'instruction.vi',
  'instruction.en',
  'area',
  'expiresAt',
  'incidentId',
] as const;
export type AlertField = (typeof ALERT_FIELDS)[number];

/**
 * The form field a server error is about: `area.circle.radiusM` is the area's, a whole missing
 * `headline` the Vietnamese one's (the first of the two); null for anything the form does not show.
 */
export function alertFieldOf(field: string): AlertField | null {
  if ((ALERT_FIELDS as readonly string[]).includes(field)) return field as AlertField;
  if (field === 'area' || field.startsWith('area.')) return 'area';
  if (field === 'headline' || field === 'instruction') return `${field}.vi`;
  return null;
}

/** The server's per-field errors, by form field (its own words); those of no form field apart. */
export function serverFieldErrors(errors: readonly { field: string; message: string }[] | undefined): {
  fields: Partial<Record<AlertField, string>>;
  other: string[];
} {
  const fields: Partial<Record<AlertField, string>> = {};
  const other: string[] = [];
  for (const error of errors ?? []) {
    if (!error || typeof error.field !== 'string') continue;
    const field = alertFieldOf(error.field);
    const message = String(error.message ?? '');
    if (field) fields[field] = fields[field] ? `${fields[field]}; ${message}` : message;
    else other.push(`${error.field} ${message}`.trim());
  }
  return { fields, other };
}
