import { useEffect, useMemo, useState } from 'preact/hooks';
import { DispatchApi } from './api/dispatch';
import { ApiError, Http } from './api/http';
import { type Session, SessionStore } from './api/session';
import { Controller } from './controller';
import { I18nContext, type Lang, loadLang, saveLang, translator } from './i18n';
import { type Action, type ConsoleState, initialState, reduce } from './state/console';
import { createStore, type Store } from './state/store';
import { unlockAudio, unlockAudioOnFirstGesture } from './views/beep';
import { ConsoleView } from './views/ConsoleView';
import { useStoreState } from './views/hooks';
import { Login } from './views/Login';

const storage = (kind: 'localStorage' | 'sessionStorage'): Storage | null => {
  try {
    return window[kind];
  } catch {
    return null;
  }
};

interface Running {
  session: Session;
  store: Store<ConsoleState, Action>;
  controller: Controller;
}

/**
 * The whole application: the login screen, or the console once signed in. Signing out, or any
 * 401 from the server, tears the console down and shows the login screen; nothing needs a reload.
 */
export function App() {
  const [lang, setLang] = useState<Lang>(() => loadLang(storage('localStorage')));
  const i18n = useMemo(() => ({ lang, t: translator(lang) }), [lang]);
  const [notice, setNotice] = useState<string | null>(null);
  const sessions = useMemo(() => new SessionStore(storage('sessionStorage')), []);
  const [running, setRunning] = useState<Running | null>(null);

  // One API client for the page; its 401 handler always sees the latest sign-out function.
  const endSession = useMemo(() => ({ current: (_expired: boolean) => {} }), []);
  const api = useMemo(
    () =>
      new DispatchApi(
        new Http({
          token: () => sessions.token(),
          onUnauthorized: (refused) => {
            const current = sessions.token();
            if (current === null || current === refused) endSession.current(true);
          },
        }),
      ),
    [sessions, endSession],
  );

  const start = (session: Session) => {
    const store = createStore(reduce, initialState);
    const controller = new Controller(api, store);
    controller.start();
    setRunning({ session, store, controller });
  };

  endSession.current = (expired: boolean) => {
    sessions.clear();
    setRunning((current) => {
      current?.controller.stop();
      return null;
    });
    setNotice(expired ? i18n.t('login.expired') : null);
  };

  // A reload of the same tab resumes the session kept in sessionStorage.
  useEffect(() => {
    const session = sessions.get();
    if (session) start(session);
    unlockAudioOnFirstGesture(window);
  }, []);

  const changeLang = (next: Lang) => {
    saveLang(storage('localStorage'), next);
    setLang(next);
  };
  useEffect(() => {
    document.documentElement.lang = lang;
  }, [lang]);

  const login = async (username: string, password: string): Promise<string | null> => {
    unlockAudio(); // the sign-in click is the gesture browsers require before sound
    try {
      const response = await api.login(username, password);
      setNotice(null);
      start(sessions.save(response));
      return null;
    } catch (error) {
      if (error instanceof ApiError) {
        if (error.problem?.detail) return error.problem.detail;
        if (error.status === 401) return i18n.t('login.failed');
        if (error.status === 0) return i18n.t(error.reason === 'timeout' ? 'error.timeout' : 'error.network');
        return i18n.t('error.http', { status: error.status });
      }
      return i18n.t('error.network');
    }
  };

  return (
    <I18nContext.Provider value={i18n}>
      {running ? (
        <RunningConsole running={running} onLanguage={changeLang} onLogout={() => endSession.current(false)} />
      ) : (
        <Login onLogin={login} onLanguage={changeLang} notice={notice} />
      )}
    </I18nContext.Provider>
  );
}

function RunningConsole({
  running,
  onLanguage,
  onLogout,
}: {
  running: Running;
  onLanguage: (lang: Lang) => void;
  onLogout: () => void;
}) {
  const state = useStoreState(running.store as Store<ConsoleState, unknown>);
  return (
    <ConsoleView
      state={state}
      controller={running.controller}
      session={running.session}
      onLanguage={onLanguage}
      onLogout={onLogout}
    />
  );
}
