// The alert form's values, its checks before sending, and the request it sends: pure functions
// (views/AlertForm.tsx shows them).
import type {
  AlertArea,
  AlertCertainty,
  AlertEvent,
  AlertRequest,
  AlertSeverity,
  AlertUrgency,
  AreaAlert,
  IncidentKind,
} from '../api/types';
import type { MessageKey, Params } from '../i18n';
import type { AlertField } from '../state/alerts';
import { areaProblem } from './alertDraw';

/** The server's limits (notes of the alerts API). */
export const HEADLINE_MAX = 160;
export const INSTRUCTION_MAX = 1000;
const MINUTE = 60_000;
export const DEFAULT_EXPIRY_MS = 120 * MINUTE;
/** An expiry must be later than this from now... */
export const MIN_EXPIRY_MS = 5 * MINUTE;
/** ...and no later than this. */
export const MAX_EXPIRY_MS = 7 * 24 * 60 * MINUTE;

export interface AlertFormValues {
  event: AlertEvent;
  severity: AlertSeverity;
  urgency: AlertUrgency;
  certainty: AlertCertainty;
  headlineVi: string;
  headlineEn: string;
  instructionVi: string;
  instructionEn: string;
  /** As a `datetime-local` field holds it: local time to the minute, "2026-11-23T12:00". */
  expires: string;
  /** The incident the alert is about, if linked. */
  incidentId: string | null;
}

/** A check's verdict on one field, in the console's words. */
export interface FieldProblem {
  key: MessageKey;
  params?: Params;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** A time as a `datetime-local` value in the console's time zone (seconds dropped). */
export function toLocalInput(ms: number): string {
  const d = new Date(ms);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** A `datetime-local` value as epoch ms (local time); NaN when it is not one. */
export function fromLocalInput(value: string): number {
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/.exec(value.trim());
  if (!match) return Number.NaN;
  const [, y, mo, d, h, mi, s] = match.map(Number);
  const date = new Date(y, mo - 1, d, h, mi, s || 0);
  // 2026-02-30 would roll over to March: not a time the dispatcher meant.
  return date.getMonth() === mo - 1 && date.getDate() === d ? date.getTime() : Number.NaN;
}

/** The CAP event an incident's kind suggests. */
export function eventForIncident(kind: IncidentKind): AlertEvent {
  return kind === 'FIRE' || kind === 'EXPLOSION' ? kind : 'OTHER';
}

/** A new alert: a fire, severe, act now, observed, for the next two hours. */
export function newAlertValues(now: number): AlertFormValues {
  return {
    event: 'FIRE',
    severity: 'Severe',
    urgency: 'Immediate',
    certainty: 'Observed',
    headlineVi: '',
    headlineEn: '',
    instructionVi: '',
    instructionEn: '',
    expires: toLocalInput(now + DEFAULT_EXPIRY_MS),
    incidentId: null,
  };
}

/** An alert's values, for updating it. */
export function valuesOf(alert: AreaAlert): AlertFormValues {
  return {
    event: alert.event,
    severity: alert.severity,
    urgency: alert.urgency,
    certainty: alert.certainty,
    headlineVi: alert.headline.vi,
    headlineEn: alert.headline.en,
    instructionVi: alert.instruction.vi,
    instructionEn: alert.instruction.en,
    expires: toLocalInput(Date.parse(alert.expires)),
    incidentId: alert.incidentId,
  };
}

/**
 * Whether a person's text is plain, as the server requires: no control characters (line breaks and
 * tabs excepted) and no bidirectional overrides, embeddings or isolates.
 */
export function isPlainText(text: string): boolean {
  return !/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/.test(text);
}

function textProblem(text: string, max: number): FieldProblem | null {
  const trimmed = text.trim();
  if (!trimmed) return { key: 'alertForm.required' };
  if (trimmed.length > max) return { key: 'alertForm.tooLong', params: { max } };
  if (!isPlainText(trimmed)) return { key: 'alertForm.notPlain' };
  return null;
}

/** What the server would refuse, field by field (empty: nothing the console can see). */
export function validateAlert(
  values: AlertFormValues,
  area: AlertArea | null,
  now: number,
): Partial<Record<AlertField, FieldProblem>> {
  const problems: Partial<Record<AlertField, FieldProblem>> = {};
  const texts: [AlertField, string, number][] = [
    ['headline.vi', values.headlineVi, HEADLINE_MAX],
    ['headline.en', values.headlineEn, HEADLINE_MAX],
    ['instruction.vi', values.instructionVi, INSTRUCTION_MAX],
    ['instruction.en', values.instructionEn, INSTRUCTION_MAX],
  ];
  for (const [field, text, max] of texts) {
    const problem = textProblem(text, max);
    if (problem) problems[field] = problem;
  }
  const expires = fromLocalInput(values.expires);
  if (!Number.isFinite(expires)) problems.expiresAt = { key: 'alertForm.expiryInvalid' };
  else if (expires <= now + MIN_EXPIRY_MS) problems.expiresAt = { key: 'alertForm.expiryTooSoon' };
  else if (expires > now + MAX_EXPIRY_MS) problems.expiresAt = { key: 'alertForm.expiryTooLate' };
  const where = areaProblem(area);
  if (where) problems.area = { key: `alertArea.${where}` };
  return problems;
}

/** The body to send (texts trimmed); call after validateAlert found nothing. */
export function alertRequest(values: AlertFormValues, area: AlertArea): AlertRequest {
  const request: AlertRequest = {
    event: values.event,
    severity: values.severity,
    urgency: values.urgency,
    certainty: values.certainty,
    headline: { vi: values.headlineVi.trim(), en: values.headlineEn.trim() },
    instruction: { vi: values.instructionVi.trim(), en: values.instructionEn.trim() },
    area,
    expiresAt: new Date(fromLocalInput(values.expires)).toISOString(),
  };
  if (values.incidentId) request.incidentId = values.incidentId;
  return request;
}
