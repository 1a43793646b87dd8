import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { Session } from '../api/session';
import type { Controller } from '../controller';
import { type Lang, useI18n } from '../i18n';
import type { ConsoleState } from '../state/console';
import { mergeCandidates, moveSelection, newCount, pageTitle, sortQueue, sortUnits } from '../state/queue';
import { beep } from './beep';
import { Connection } from './Connection';
import { Detail } from './Detail';
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

/** The one screen after login: queue, map, detail, unit board; keyboard shortcuts; alerts. */
export function ConsoleView({ state, controller, session, onLanguage, onLogout }: ConsoleViewProps) {
  const { t } = useI18n();
  const now = useNow(1000);
  const [help, setHelp] = useState(false);
  const queue = useMemo(() => sortQueue(state.incidents), [state.incidents]);
  const units = useMemo(() => sortUnits(state.units), [state.units]);
  const candidates = useMemo(() => mergeCandidates(queue, state.selectedId), [queue, state.selectedId]);
  const waiting = newCount(state);

  // The title shows waiting NEW incidents, also in another tab or a minimised window.
  useEffect(() => {
    document.title = pageTitle(waiting, t('appName'));
  }, [waiting, t]);

  // One beep each time new incidents arrive.
  const alerts = useRef(state.alerts);
  useEffect(() => {
    if (state.alerts > alerts.current) beep();
    alerts.current = state.alerts;
  }, [state.alerts]);

  // Shortcuts read the latest state through a ref so the listener is installed once.
  const latest = useRef({ state, queue, help });
  latest.current = { state, queue, help };
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      const shortcut = shortcutFor(event);
      if (!shortcut) return;
      const { state: current, queue: rows, help: helpOpen } = latest.current;
      if (helpOpen && shortcut !== 'help' && shortcut !== 'escape') return;
      switch (shortcut) {
        case 'help':
          setHelp((open) => !open);
          break;
        case 'escape':
          setHelp(false);
          return; // let Escape also reach other listeners (photo viewer)
        case 'acknowledge':
          void controller.acknowledge();
          break;
        case 'dispatch':
          void controller.dispatchPicked();
          break;
        case 'next':
        case 'previous': {
          const id = moveSelection(rows, current.selectedId, shortcut === 'next' ? 1 : -1);
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
        <MessageArea message={state.message} onDismiss={() => controller.clearMessage()} />
        <div class="topbar-right">
          <span class="who" data-testid="dispatcher">
            {session.dispatcher.displayName}
            <span class="sub">{session.dispatcher.provinces.join(', ')}</span>
          </span>
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
          selectedId={state.selectedId}
          fresh={state.fresh}
          loaded={state.hasSnapshot}
          now={now}
          onSelect={(id) => controller.select(id)}
        />
        <div class="centre">
          <MapView
            config={state.config}
            queue={queue}
            stations={state.stations}
            selectedId={state.selectedId}
            detail={state.detail}
            onSelect={(id) => controller.select(id)}
          />
          <UnitBoard
            units={units}
            busy={state.busy}
            onSelectIncident={(id) => controller.select(id)}
            onChangeStatus={onUnitStatus}
          />
        </div>
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
        />
      </main>
      {help && <Help onClose={() => setHelp(false)} />}
    </div>
  );
}
