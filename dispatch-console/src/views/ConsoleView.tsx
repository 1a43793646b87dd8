import { useEffect, useMemo, useReducer, useRef, useState } from 'preact/hooks';
import type { AlertArea } from '../api/types';
import type { Session } from '../api/session';
import type { Controller } from '../controller';
import { type Lang, useI18n } from '../i18n';
import { activeCount, alertStateAt, sortAlerts } from '../state/alerts';
import type { ConsoleState } from '../state/console';
import { deviceCount, sortDevices } from '../state/devices';
import {
  mergeCandidates,
  moveInQueue,
  newTotal,
  pageTitle,
  queueRows,
  sortQueue,
  sortUnits,
} from '../state/queue';
import { NO_DRAWING, reduceDrawing } from './alertDraw';
import { AlertPanel } from './AlertPanel';
import { beep } from './beep';
import { Connection } from './Connection';
import { Detail } from './Detail';
import { DeviceBoard } from './DeviceBoard';
import { Help } from './Help';
import { useNow } from './hooks';
import { shortcutFor } from './keys';
import { LanguageSwitch } from './LanguageSwitch';
import { MapView } from './MapView';
import { MessageArea } from './MessageArea';
import { Queue } from './Queue';
import { UnitBoard } from './UnitBoard';

export interface ConsoleViewProps {
  state: ConsoleState;
  controller: Controller;
  session: Session;
  onLanguage: (lang: Lang) => void;
  onLogout: () => void;
}

/** New incidents beep at most this often: a flood must not become a siren. */
const BEEP_GAP_MS = 3_000;

/**
 * The one screen after login: queue, map, detail (or area alerts), unit board (or the fire-alarm
 * device board); keyboard shortcuts; beeps.
 */
export function ConsoleView({ state, controller, session, onLanguage, onLogout }: ConsoleViewProps) {
  const { t } = useI18n();
  const now = useNow(1000);
  const [help, setHelp] = useState(false);
  const queue = useMemo(() => sortQueue(state.incidents), [state.incidents]);
  const rows = useMemo(() => queueRows(queue, state.expandedBursts), [queue, state.expandedBursts]);
  const units = useMemo(() => sortUnits(state.units), [state.units]);
  const candidates = useMemo(() => mergeCandidates(queue, state.selectedId), [queue, state.selectedId]);
  const waiting = newTotal(state, state.newShown);

  // Area alerts: the panel takes the detail's place; the map draws active alerts always, and the
  // cancelled and expired ones of the list while the panel is open.
  const [alertsOpen, setAlertsOpen] = useState(false);
  const [drawing, onDraw] = useReducer(reduceDrawing, NO_DRAWING);
  const [mapFocus, setMapFocus] = useState<{ area: AlertArea } | null>(null);
  const alertList = useMemo(() => sortAlerts(state.areaAlerts, now), [state.areaAlerts, now]);
  const mapAlerts = useMemo(() => {
    const at = Date.now();
    return Object.values(state.areaAlerts ?? {}).filter((a) => alertsOpen || alertStateAt(a, at) === 'ACTIVE');
  }, [state.areaAlerts, alertsOpen]);
  const activeAlerts = activeCount(state.areaAlerts, now);
  const toggleAlerts = () => {
    // Closing the panel drops the drawing and the area with it.
    if (alertsOpen) onDraw({ type: 'set', area: null });
    setAlertsOpen(!alertsOpen);
  };
  const selectedIncident = state.selectedId ? (state.incidents[state.selectedId] ?? null) : null;

  // The device board takes the unit board's place under the map while it is open.
  const [devicesOpen, setDevicesOpen] = useState(false);
  const devices = useMemo(() => sortDevices(state.devices), [state.devices]);
  const troubled = deviceCount(state.devices);

  // The title shows waiting NEW incidents, also in another tab or a minimised window.
  useEffect(() => {
    document.title = pageTitle(waiting, t('appName'));
  }, [waiting, t]);

  // One beep each time new incidents arrive.
  const alerts = useRef(state.alerts);
  const lastBeep = useRef(-Infinity);
  useEffect(() => {
    if (state.alerts > alerts.current && Date.now() - lastBeep.current >= BEEP_GAP_MS) {
      lastBeep.current = Date.now();
      beep();
    }
    alerts.current = state.alerts;
  }, [state.alerts]);

  // Shortcuts read the latest state through a ref so the listener is installed once.
  const latest = useRef({ state, rows, help });
  latest.current = { state, rows, help };
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      const shortcut = shortcutFor(event);
      if (!shortcut) return;
      const { state: current, rows: lines, help: helpOpen } = latest.current;
      if (helpOpen && shortcut !== 'help' && shortcut !== 'escape') return;
      switch (shortcut) {
        case 'help':
          setHelp((open) => !open);
          break;
        case 'escape':
          setHelp(false);
          onDraw({ type: 'cancel' }); // a drawing in progress on the map
          return; // let Escape also reach other listeners (photo viewer)
        case 'acknowledge':
          void controller.acknowledge();
          break;
        case 'dispatch':
          void controller.dispatchPicked();
          break;
        case 'next':
        case 'previous': {
          const id = moveInQueue(lines, current.selectedId, shortcut === 'next' ? 1 : -1);
          if (id && id !== current.selectedId) controller.select(id);
          break;
        }
      }
      event.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [controller]);

  const onUnitStatus = (unitId: string, status: Parameters<Controller['changeUnitStatus']>[1]) =>
    controller.changeUnitStatus(unitId, status);

  return (
    <div class="console">
      <header class="topbar">
        <h1 class="brand">
          <span class="brand-mark" aria-hidden="true">
            114
          </span>{' '}
          {t('appName')}
        </h1>
        <Connection state={state.link} seq={state.appliedSeq} />
        {state.linkNotice && (
          <div class="link-notice" data-testid="connection-notice" role="alert">
            {t('connection.tooManyConsoles')}
          </div>
        )}
        <MessageArea message={state.message} onDismiss={() => controller.clearMessage()} />
        <div class="topbar-right">
          <span class="who" data-testid="dispatcher">
            {session.dispatcher.displayName}
            <span class="sub">{session.dispatcher.provinces.join(', ')}</span>
          </span>
          <button
            type="button"
            class={activeAlerts > 0 ? 'alerts-button has-alerts' : 'alerts-button'}
            data-testid="alerts-open"
            title={t('alerts.title')}
            aria-pressed={alertsOpen}
            onClick={toggleAlerts}
          >
            {activeAlerts > 0 ? t('alerts.openCount', { n: activeAlerts }) : t('alerts.open')}
          </button>
          <button
            type="button"
            class={troubled > 0 ? 'devices-button has-devices' : 'devices-button'}
            data-testid="devices-open"
            data-count={troubled}
            title={t('devices.title')}
            aria-pressed={devicesOpen}
            onClick={() => setDevicesOpen(!devicesOpen)}
          >
            {troubled > 0 ? t('devices.openCount', { n: troubled }) : t('devices.open')}
          </button>
          <button type="button" data-testid="help-button" onClick={() => setHelp(true)}>
            {t('help.button')}
          </button>
          <LanguageSwitch onChange={onLanguage} />
          <button type="button" data-testid="logout" onClick={onLogout}>
            {t('logout')}
          </button>
        </div>
      </header>
      <main class="console-grid">
        <Queue
          queue={queue}
          rows={rows}
          selectedId={state.selectedId}
          fresh={state.fresh}
          loaded={state.hasSnapshot}
          now={now}
          truncated={state.truncated}
          counts={state.counts}
          shownNew={state.newShown}
          onSelect={(id) => controller.select(id)}
          onToggleBurst={(key) => controller.toggleBurst(key)}
        />
        <div class="centre">
          <MapView
            config={state.config}
            queue={queue}
            stations={state.stations}
            selectedId={state.selectedId}
            detail={state.detail}
            onSelect={(id) => controller.select(id)}
            alerts={mapAlerts}
            drawing={alertsOpen ? drawing : NO_DRAWING}
            onDraw={onDraw}
            focus={mapFocus}
          />
          {devicesOpen ? (
            <DeviceBoard
              devices={devices}
              loaded={state.devices.loaded}
              now={now}
              onClose={() => setDevicesOpen(false)}
            />
          ) : (
            <UnitBoard
              units={units}
              busy={state.busy}
              onSelectIncident={(id) => controller.select(id)}
              onChangeStatus={onUnitStatus}
            />
          )}
        </div>
        {alertsOpen ? (
          <AlertPanel
            alerts={alertList}
            loaded={state.areaAlerts !== null}
            dispatcher={session.dispatcher}
            incident={selectedIncident}
            drawing={drawing}
            busy={state.busy}
            now={now}
            onDraw={onDraw}
            onFocus={(area) => setMapFocus({ area })}
            onIssue={(request) => controller.issueAlert(request)}
            onUpdate={(alert, request) => controller.updateAlert(alert, request)}
            onCancel={(alert, reason) => controller.cancelAlert(alert, reason)}
            onClose={toggleAlerts}
          />
        ) : (
          <Detail
            selectedId={state.selectedId}
            detail={state.detail}
            picked={state.pickedUnitIds}
            busy={state.busy}
            candidates={candidates}
            now={now}
            loadPhoto={controller.photo}
            onTogglePick={(unitId) => controller.togglePick(unitId)}
            onAcknowledge={() => controller.acknowledge()}
            onDispatch={() => controller.dispatchPicked()}
            onStatus={(status, reason) => controller.changeStatus(status, reason)}
            onNote={(text) => controller.addNote(text)}
            onMerge={(into) => controller.merge(into)}
            onSendMessage={(text, reportId) => controller.sendMessage(text, reportId)}
            onUnitStatus={onUnitStatus}
            role={session.dispatcher.role}
            onProvince={(province) => controller.changeProvince(province)}
          />
        )}
      </main>
      {help && <Help onClose={() => setHelp(false)} />}
    </div>
  );
}
