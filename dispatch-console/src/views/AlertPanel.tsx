import { useEffect, useState } from 'preact/hooks';
import type { AlertArea, AlertRequest, AreaAlert, Dispatcher, IncidentSummary } from '../api/types';
import type { AlertOutcome } from '../controller';
import { useI18n } from '../i18n';
import { formatClock } from '../i18n/format';
import { alertStateAt, inLanguage } from '../state/alerts';
import { shortId } from '../state/queue';
import type { DrawEvent, Drawing } from './alertDraw';
import { AlertForm } from './AlertForm';
import { alertStateColours } from './palette';

export interface AlertPanelProps {
  /** Sorted: active first (state/alerts.ts sortAlerts). */
  alerts: AreaAlert[];
  loaded: boolean;
  dispatcher: Dispatcher;
  incident: IncidentSummary | null;
  drawing: Drawing;
  busy: string | null;
  now: number;
  onDraw: (event: DrawEvent) => void;
  onFocus: (area: AlertArea) => void;
  onIssue: (request: AlertRequest) => Promise<AlertOutcome>;
  onUpdate: (alert: AreaAlert, request: AlertRequest) => Promise<AlertOutcome>;
  onCancel: (alert: AreaAlert, reason: string) => Promise<AlertOutcome>;
  onClose: () => void;
}

/**
 * Area alerts: the form for a new one (or a new revision of one), and the alerts in force and of
 * the last 24 hours, each with what can still be done to it. Takes the detail's place while open.
 */
export function AlertPanel(props: AlertPanelProps) {
  const { alerts, dispatcher, drawing, onDraw } = props;
  const { t } = useI18n();
  const [editing, setEditing] = useState<AreaAlert | null>(null);
  // An alert being updated that someone else ended meanwhile: the list shows it ended.
  const current = editing ? alerts.find((alert) => alert.id === editing.id) : undefined;
  useEffect(() => {
    if (editing && current && alertStateAt(current, props.now) !== 'ACTIVE') stopEditing();
  }, [current, props.now]);

  const startEditing = (alert: AreaAlert) => {
    setEditing(alert);
    onDraw({ type: 'set', area: alert.area });
    props.onFocus(alert.area);
  };
  const stopEditing = () => {
    setEditing(null);
    onDraw({ type: 'set', area: null });
  };
  const everywhere = dispatcher.role !== 'DISPATCHER';

  return (
    <section class="panel alert-panel" data-testid="alerts-panel" aria-labelledby="alerts-title">
      <header class="panel-header">
        <h2 id="alerts-title">{t('alerts.title')}</h2>
        <button type="button" class="panel-close" data-testid="alerts-close" onClick={props.onClose}>
          {t('alerts.close')}
        </button>
      </header>
      <div class="alert-body">
        <p class="sub" data-testid="alerts-jurisdiction">
          {everywhere
            ? t('alerts.anywhere')
            : t('alerts.jurisdiction', { provinces: dispatcher.provinces.join(', ') })}
        </p>
        <AlertForm
          key={editing ? `${editing.id}#${editing.revision}` : 'new'}
          editing={editing}
          incident={props.incident}
          drawing={drawing}
          busy={props.busy}
          now={props.now}
          onDraw={onDraw}
          onFocus={props.onFocus}
          onIssue={props.onIssue}
          onUpdate={props.onUpdate}
          onDone={stopEditing}
        />
        <section class="alerts-list-section" aria-labelledby="alerts-list-title">
          <h3 id="alerts-list-title">{t('alerts.list')}</h3>
          {!props.loaded ? (
            <p class="sub">{t('alerts.loading')}</p>
          ) : (
            alerts.length === 0 && <p class="sub">{t('alerts.empty')}</p>
          )}
          <ul class="alerts-list" data-testid="alerts-list" data-loaded={props.loaded ? 'true' : 'false'}>
            {alerts.map((alert) => (
              <AlertItem
                key={alert.id}
                alert={alert}
                now={props.now}
                busy={props.busy}
                editing={editing?.id === alert.id}
                onShow={() => props.onFocus(alert.area)}
                onUpdate={() => startEditing(alert)}
                onCancel={async (reason) => {
                  const outcome = await props.onCancel(alert, reason);
                  if (outcome.ok && editing?.id === alert.id) stopEditing();
                  return outcome.ok;
                }}
              />
            ))}
          </ul>
        </section>
      </div>
    </section>
  );
}

interface AlertItemProps {
  alert: AreaAlert;
  now: number;
  busy: string | null;
  editing: boolean;
  onShow: () => void;
  onUpdate: () => void;
  /** True once the server cancelled it. */
  onCancel: (reason: string) => Promise<boolean>;
}

/** One alert: its state, headline in the console's language, revision and times; update, cancel. */
function AlertItem({ alert, now, busy, editing, onShow, onUpdate, onCancel }: AlertItemProps) {
  const { t, lang } = useI18n();
  const [asking, setAsking] = useState(false);
  const [reason, setReason] = useState('');
  const state = alertStateAt(alert, now);
  const active = state === 'ACTIVE';
  useEffect(() => {
    if (!active) setAsking(false);
  }, [active]);
  const colours = alertStateColours[state];
  const headlineLang = alert.headline[lang]?.trim() ? lang : lang === 'vi' ? 'en' : 'vi';
  const times = [
    t('alerts.sent', { time: formatClock(alert.sent, now) }),
    t('alerts.expires', { time: formatClock(alert.expires, now) }),
  ];
  return (
    <li
      class={`alert-item${editing ? ' editing' : ''}${active ? '' : ' ended'}`}
      data-testid="alert-item"
      data-alert-id={alert.id}
      data-state={state}
      data-revision={alert.revision}
    >
      <div class="alert-item-head">
        <span class="badge" data-testid="alert-state" style={{ background: colours.bg, color: colours.fg }}>
          {t(`alertState.${state}`)}
        </span>
        <strong class="alert-headline" data-testid="alert-headline" lang={headlineLang}>
          {inLanguage(alert.headline, lang)}
        </strong>
      </div>
      <p class="sub alert-facts">
        {t(`alertEvent.${alert.event}`)} · {t(`severity.${alert.severity}`)} ·{' '}
        <span data-testid="alert-revision">{t('alerts.revision', { n: alert.revision })}</span> · {times.join(' · ')}
        {alert.provinces.length > 0 && <span> · {alert.provinces.join(', ')}</span>}
        {alert.incidentId && <span> · {t('alerts.incident', { id: shortId(alert.incidentId) })}</span>}
        {alert.issuedBy && <span> · {t('alerts.by', { name: alert.issuedBy })}</span>}
      </p>
      <div class="action-row">
        <button type="button" data-testid="alert-show" onClick={onShow}>
          {t('alerts.show')}
        </button>
        {active && (
          <button type="button" data-testid="alert-update" disabled={busy !== null || editing} onClick={onUpdate}>
            {t('alerts.update')}
          </button>
        )}
        {active && !asking && (
          <button
            type="button"
            class="danger"
            data-testid="alert-cancel"
            disabled={busy !== null}
            onClick={() => setAsking(true)}
          >
            {t('alerts.cancel')}
          </button>
        )}
      </div>
      {active && asking && (
        <div class="alert-cancel-box" data-testid="alert-cancel-box" role="group" aria-label={t('alerts.cancel')}>
          <p>{t('alerts.cancelAsk')}</p>
          <label>
            {t('alerts.cancelReason')}
            <input
              value={reason}
              maxLength={500}
              data-testid="alert-cancel-reason"
              onInput={(e) => setReason(e.currentTarget.value)}
            />
          </label>
          <div class="action-row">
            <button
              type="button"
              class="danger armed"
              data-testid="alert-cancel-confirm"
              disabled={busy !== null}
              onClick={async () => {
                if (await onCancel(reason)) {
                  setAsking(false);
                  setReason('');
                }
              }}
            >
              {t('alerts.cancelConfirm')}
            </button>
            <button type="button" data-testid="alert-cancel-keep" onClick={() => setAsking(false)}>
              {t('alerts.cancelKeep')}
            </button>
          </div>
        </div>
      )}
    </li>
  );
}
