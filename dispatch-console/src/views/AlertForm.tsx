import { useEffect, useState } from 'preact/hooks';
import {
  ALERT_CERTAINTIES,
  ALERT_EVENTS,
  ALERT_SEVERITIES,
  ALERT_URGENCIES,
  type AlertArea,
  type AlertRequest,
  type AreaAlert,
  type IncidentSummary,
  isCircleArea,
} from '../api/types';
import type { AlertOutcome } from '../controller';
import { type MessageKey, type Translate, useI18n } from '../i18n';
import { formatDistance } from '../i18n/format';
import type { AlertField } from '../state/alerts';
import type { Message } from '../state/console';
import { shortId } from '../state/queue';
import {
  AROUND_INCIDENT_M,
  CIRCLE_MAX_M,
  CIRCLE_MIN_M,
  circleAround,
  type DrawEvent,
  type Drawing,
  polygonAreaKm2,
} from './alertDraw';
import {
  type AlertFormValues,
  alertRequest,
  eventForIncident,
  type FieldProblem,
  HEADLINE_MAX,
  INSTRUCTION_MAX,
  MAX_EXPIRY_MS,
  MIN_EXPIRY_MS,
  newAlertValues,
  toLocalInput,
  validateAlert,
  valuesOf,
} from './alertValues';
import { messageText } from './MessageArea';

export interface AlertFormProps {
  /** The alert being updated, or null for a new one. */
  editing: AreaAlert | null;
  /** The selected incident: an alert may be put around it and linked to it. */
  incident: IncidentSummary | null;
  drawing: Drawing;
  busy: string | null;
  now: number;
  onDraw: (event: DrawEvent) => void;
  onFocus: (area: AlertArea) => void;
  onIssue: (request: AlertRequest) => Promise<AlertOutcome>;
  onUpdate: (alert: AreaAlert, request: AlertRequest) => Promise<AlertOutcome>;
  /** The alert was sent, or the dispatcher stopped updating it. */
  onDone: () => void;
}

/** Per field: the console's own check, or the server's words. */
type FieldErrors = Partial<Record<AlertField, FieldProblem | string>>;

/**
 * A new area alert, or a new revision of one: where (drawn on the map, or around the selected
 * incident), what (CAP event, severity, urgency, certainty), the words in both languages, and until
 * when. Checked as the server would before it is sent; the server's refusals show at their fields.
 */
export function AlertForm(props: AlertFormProps) {
  const { editing, incident, drawing, busy, now, onDraw } = props;
  const { t } = useI18n();
  const [values, setValues] = useState<AlertFormValues>(() =>
    editing ? valuesOf(editing) : newAlertValues(Date.now()),
  );
  const [errors, setErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<Message | null>(null);
  const set = (change: Partial<AlertFormValues>) => setValues((current) => ({ ...current, ...change }));
  // A new area answers what was said about the old one.
  useEffect(() => setErrors(({ area: _old, ...rest }) => rest), [drawing.area]);

  const aroundIncident = () => {
    if (!incident) return;
    const area = circleAround(incident.location, AROUND_INCIDENT_M);
    onDraw({ type: 'set', area });
    props.onFocus(area);
    set({ incidentId: incident.id, event: eventForIncident(incident.kind) });
  };

  const submit = async () => {
    const area = drawing.area;
    const problems = validateAlert(values, area, Date.now());
    if (Object.keys(problems).length > 0 || !area) {
      setErrors(problems);
      setFormError({ kind: 'error', key: 'alertForm.invalid' });
      return;
    }
    setErrors({});
    setFormError(null);
    const request = alertRequest(values, area);
    const outcome = editing ? await props.onUpdate(editing, request) : await props.onIssue(request);
    if (outcome.ok) {
      setValues(newAlertValues(Date.now()));
      props.onDone();
      return;
    }
    setErrors(outcome.fields);
    setFormError(outcome.error);
  };

  const candidate = values.incidentId ?? incident?.id ?? null;
  const drawingNow = drawing.tool !== null;
  return (
    <form
      class="alert-form"
      data-testid="alert-form"
      data-editing={editing?.id}
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <h3>{editing ? t('alertForm.editing', { n: editing.revision }) : t('alertForm.new')}</h3>

      <fieldset class="alert-fieldset">
        <legend>{t('alertForm.area')}</legend>
        <div class="action-row">
          <button
            type="button"
            data-testid="alert-draw-circle"
            aria-pressed={drawing.tool === 'circle'}
            onClick={() => onDraw({ type: 'start', tool: 'circle' })}
          >
            ◯ {t('alertForm.drawCircle')}
          </button>
          <button
            type="button"
            data-testid="alert-draw-polygon"
            aria-pressed={drawing.tool === 'polygon'}
            onClick={() => onDraw({ type: 'start', tool: 'polygon' })}
          >
            ⬠ {t('alertForm.drawPolygon')}
          </button>
          {incident && (
            <button type="button" data-testid="alert-around-incident" onClick={aroundIncident}>
              {t('alertForm.aroundIncident', { id: shortId(incident.id) })}
            </button>
          )}
        </div>
        {drawingNow ? (
          <DrawingHint drawing={drawing} onDraw={onDraw} />
        ) : (
          <AreaSummary area={drawing.area} onDraw={onDraw} />
        )}
        <FieldError field="area" error={drawing.problem ? { key: `alertArea.${drawing.problem}` } : errors.area} />
      </fieldset>

      <div class="alert-grid">
        <Choice
          field="event"
          label={t('alertForm.event')}
          value={values.event}
          choices={ALERT_EVENTS}
          word={(v) => t(`alertEvent.${v}`)}
          error={errors.event}
          onChange={(event) => set({ event })}
        />
        <Choice
          field="severity"
          label={t('alertForm.severity')}
          value={values.severity}
          choices={ALERT_SEVERITIES}
          word={(v) => t(`severity.${v}`)}
          error={errors.severity}
          onChange={(severity) => set({ severity })}
        />
        <Choice
          field="urgency"
          label={t('alertForm.urgency')}
          value={values.urgency}
          choices={ALERT_URGENCIES}
          word={(v) => t(`urgency.${v}`)}
          error={errors.urgency}
          onChange={(urgency) => set({ urgency })}
        />
        <Choice
          field="certainty"
          label={t('alertForm.certainty')}
          value={values.certainty}
          choices={ALERT_CERTAINTIES}
          word={(v) => t(`certainty.${v}`)}
          error={errors.certainty}
          onChange={(certainty) => set({ certainty })}
        />
      </div>

      <TextField
        field="headline.vi"
        lang="vi"
        label={t('alertForm.headlineVi')}
        value={values.headlineVi}
        max={HEADLINE_MAX}
        error={errors['headline.vi']}
        onInput={(headlineVi) => set({ headlineVi })}
      />
      <TextField
        field="headline.en"
        lang="en"
        label={t('alertForm.headlineEn')}
        value={values.headlineEn}
        max={HEADLINE_MAX}
        error={errors['headline.en']}
        onInput={(headlineEn) => set({ headlineEn })}
      />
      <TextField
        field="instruction.vi"
        lang="vi"
        multiline
        label={t('alertForm.instructionVi')}
        value={values.instructionVi}
        max={INSTRUCTION_MAX}
        error={errors['instruction.vi']}
        onInput={(instructionVi) => set({ instructionVi })}
      />
      <TextField
        field="instruction.en"
        lang="en"
        multiline
        label={t('alertForm.instructionEn')}
        value={values.instructionEn}
        max={INSTRUCTION_MAX}
        error={errors['instruction.en']}
        onInput={(instructionEn) => set({ instructionEn })}
      />

      <div class="action-row">
        <label>
          {t('alertForm.expires')}
          <input
            type="datetime-local"
            data-testid="alert-expires"
            value={values.expires}
            min={toLocalInput(now + MIN_EXPIRY_MS)}
            max={toLocalInput(now + MAX_EXPIRY_MS)}
            aria-describedby="alert-expires-hint"
            onInput={(e) => set({ expires: e.currentTarget.value })}
          />
          <span id="alert-expires-hint" class="sub">
            {t('alertForm.expiresHint')}
          </span>
          <FieldError field="expiresAt" error={errors.expiresAt} />
        </label>
        {candidate && (
          <label class="check">
            <input
              type="checkbox"
              data-testid="alert-link-incident"
              checked={values.incidentId !== null}
              onChange={(e) => set({ incidentId: e.currentTarget.checked ? candidate : null })}
            />
            {t('alertForm.linkIncident', { id: shortId(candidate) })}
            <FieldError field="incidentId" error={errors.incidentId} />
          </label>
        )}
      </div>

      {formError && <FormError message={formError} t={t} />}

      <div class="action-row">
        <button type="submit" class="primary" data-testid="alert-submit" disabled={busy !== null || drawingNow}>
          {busy === 'alert' ? t('action.busy') : editing ? t('alertForm.update') : t('alertForm.issue')}
        </button>
        {editing && (
          <button type="button" data-testid="alert-stop-editing" onClick={props.onDone}>
            {t('alertForm.stopEditing')}
          </button>
        )}
      </div>
    </form>
  );
}

/** What to do next while drawing, and the buttons that go with it. */
function DrawingHint({ drawing, onDraw }: { drawing: Drawing; onDraw: (event: DrawEvent) => void }) {
  const { t } = useI18n();
  const polygon = drawing.tool === 'polygon';
  return (
    <div class="draw-hint" data-testid="alert-draw-hint" data-tool={drawing.tool ?? ''}>
      <p>{polygon ? t('alertForm.hintPolygon') : t('alertForm.hintCircle')}</p>
      <div class="action-row">
        {polygon && (
          <>
            <span class="sub" data-testid="alert-draw-count">
              {t('alertForm.vertices', { n: drawing.vertices.length })}
            </span>
            <button
              type="button"
              data-testid="alert-draw-undo"
              disabled={drawing.vertices.length === 0}
              onClick={() => onDraw({ type: 'undo' })}
            >
              {t('alertForm.undo')}
            </button>
            <button
              type="button"
              data-testid="alert-draw-finish"
              disabled={drawing.vertices.length < 3}
              onClick={() => onDraw({ type: 'finish' })}
            >
              {t('alertForm.finish')}
            </button>
          </>
        )}
        <button type="button" data-testid="alert-draw-cancel" onClick={() => onDraw({ type: 'cancel' })}>
          {t('alertForm.stopDrawing')}
        </button>
      </div>
    </div>
  );
}

/** The area in words; a circle's radius can be typed. */
function AreaSummary({ area, onDraw }: { area: AlertArea | null; onDraw: (event: DrawEvent) => void }) {
  const { t, lang } = useI18n();
  const radiusM = area && isCircleArea(area) ? area.circle.radiusM : null;
  const [radius, setRadius] = useState(radiusM === null ? '' : String(radiusM));
  // Follow a radius set elsewhere (drawn, or an alert being updated), not while it is typed.
  useEffect(() => {
    if (radiusM !== null && Number(radius) !== radiusM) setRadius(String(radiusM));
  }, [radiusM]);

  if (!area) {
    return (
      <p class="sub" data-testid="alert-area-summary" data-shape="">
        {t('alertForm.noArea')}
      </p>
    );
  }
  const decimals = (n: number, digits: number) => {
    const text = n.toFixed(digits);
    return lang === 'vi' ? text.replace('.', ',') : text;
  };
  if (!isCircleArea(area)) {
    return (
      <p data-testid="alert-area-summary" data-shape="polygon">
        {t('alertForm.polygonSummary', { n: area.polygon.length, km2: decimals(polygonAreaKm2(area.polygon), 2) })}
      </p>
    );
  }
  const { center } = area.circle;
  return (
    <div class="action-row">
      <p data-testid="alert-area-summary" data-shape="circle" class="grow">
        {t('alertForm.circleSummary', {
          r: formatDistance(lang, area.circle.radiusM),
          lat: decimals(center.lat, 5),
          lon: decimals(center.lon, 5),
        })}
      </p>
      <label>
        {t('alertForm.radius')}
        <input
          type="number"
          inputMode="numeric"
          data-testid="alert-radius"
          min={CIRCLE_MIN_M}
          max={CIRCLE_MAX_M}
          step={10}
          value={radius}
          onInput={(e) => {
            const text = e.currentTarget.value;
            setRadius(text);
            if (text.trim() !== '' && Number.isFinite(Number(text))) onDraw({ type: 'radius', radiusM: Number(text) });
          }}
        />
      </label>
    </div>
  );
}

/** One of the CAP values (`alert-event`, `alert-severity`, …), named in the console's language. */
function Choice<T extends string>(props: {
  field: 'event' | 'severity' | 'urgency' | 'certainty';
  label: string;
  value: T;
  choices: readonly T[];
  word: (value: T) => string;
  onChange: (value: T) => void;
  error?: FieldProblem | string;
}) {
  return (
    <label>
      {props.label}
      <select
        value={props.value}
        data-testid={`alert-${props.field}`}
        onChange={(e) => props.onChange(e.currentTarget.value as T)}
      >
        {props.choices.map((choice) => (
          <option key={choice} value={choice}>
            {props.word(choice)}
          </option>
        ))}
      </select>
      <FieldError field={props.field} error={props.error} />
    </label>
  );
}

/** A headline or instruction in one language (`alert-headline-vi`, …), with its length. */
function TextField(props: {
  field: 'headline.vi' | 'headline.en' | 'instruction.vi' | 'instruction.en';
  lang: 'vi' | 'en';
  label: string;
  value: string;
  max: number;
  multiline?: boolean;
  error?: FieldProblem | string;
  onInput: (value: string) => void;
}) {
  const { t } = useI18n();
  const testId = `alert-${props.field.replace('.', '-')}`;
  const counter = `${testId}-counter`;
  const common = {
    value: props.value,
    maxLength: props.max,
    lang: props.lang,
    'data-testid': testId,
    'aria-invalid': props.error ? true : undefined,
    'aria-describedby': counter,
    onInput: (e: { currentTarget: { value: string } }) => props.onInput(e.currentTarget.value),
  };
  return (
    <label class="alert-text">
      <span class="alert-text-head">
        {props.label}
        <span id={counter} class="sub counter">
          {t('alertForm.counter', { n: props.value.length, max: props.max })}
        </span>
      </span>
      {props.multiline ? <textarea rows={3} {...common} /> : <input type="text" {...common} />}
      <FieldError field={props.field} error={props.error} />
    </label>
  );
}

/** Under a field: the console's own check in its words, or the server's words as they are. */
function FieldError({ field, error }: { field: string; error?: FieldProblem | string | null }) {
  const { t } = useI18n();
  if (!error) return null;
  const text = typeof error === 'string' ? error : t(error.key as MessageKey, error.params);
  return (
    <span class="field-error" data-testid="alert-field-error" data-field={field} role="alert">
      {text}
    </span>
  );
}

/** Above the button: why the alert was not sent, and the server's own words under it. */
function FormError({ message, t }: { message: Message; t: Translate }) {
  const text = messageText(message, t);
  return (
    <div class="alert-error-box" role="alert">
      <p class="alert-error" data-testid="alert-error">
        {text}
      </p>
      {message.detail && message.detail !== text && (
        <p class="message-detail" data-testid="alert-error-detail">
          {message.detail}
        </p>
      )}
    </div>
  );
}
