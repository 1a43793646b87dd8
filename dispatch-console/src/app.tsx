import { useEffect, useMemo, useState } from 'preact/hooks';
import { DispatchApi } from './api/dispatch';
import { Http } from './api/http';
import { type Session, SessionManager, SessionStore } from './api/session';
import { Controller, loginFailure } from './controller';
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
 * The whole application: the login screen, or the console once signed in. The access token is
 * renewed before it expires and after a 401 (api/session.ts); signing out, or a session the server
 * no longer renews, tears the console down and shows the login screen; nothing needs a reload.
 */
export function App() {
  const [lang, setLang] = useState<Lang>(() => loadLang(storage('localStorage')));
  const i18n = useMemo(() => ({ lang, t: translator(lang) }), [lang]);
  const [notice, setNotice] = useState<string | null>(null);
  const [running, setRunning] = useState<Running | null>(null);

  // One session manager and API client for the page; their callbacks always see the latest
  // sign-out function and language.
  const endSession = useMemo(() => ({ current: (_expired: boolean) => {} }), []);
  const { sessions, api } = useMemo(() => {
    const store = new SessionStore(storage('sessionStorage'));
    let dispatchApi: DispatchApi | null = null;
    const manager = new SessionManager({
      store,
      refresh: (refreshToken) => (dispatchApi as DispatchApi).refresh(refreshToken),
      logout: (refreshToken) => (dispatchApi as DispatchApi).logout(refreshToken),
      onExpired: () => endSession.current(true),
      // A renewed session may carry another role or other provinces: the top bar and the
      // actions follow (the live feed reconnects and its snapshot brings the queue).
      // The open live socket is renewed with a fresh ticket, so it outlives the old token.
      onRenewed: (session) =>
        setRunning((current) => {
          current?.controller.renewLive();
          return current ? { ...current, session } : current;
        }),
    });
    dispatchApi = new DispatchApi(
      new Http({
        token: () => manager.token(),
        renew: (refused) => manager.renewAfter(refused),
        onUnauthorized: (refused) => {
          // Refused even with a renewed token: the session is over (unless it changed meanwhile,
          // e.g. a late answer to a previous session).
          const current = manager.token();
          if (current === null || current === refused) manager.expire();
        },
      }),
    );
    return { sessions: manager, api: dispatchApi };
  }, [endSession]);

  const start = (session: Session) => {
    const store = createStore(reduce, initialState);
    const controller = new Controller(api, store, { refreshSession: () => sessions.refresh() });
    controller.start();
    setRunning({ session, store, controller });
  };

  endSession.current = (expired: boolean) => {
    setRunning((current) => {
      current?.controller.stop();
      return null;
    });
    setNotice(expired ? i18n.t('login.expired') : null);
  };

  const logout = () => {
    void sessions.logout(); // forgets the session at once, tells the server in the background
    endSession.current(false);
  };

  // A reload of the same tab resumes the session kept in sessionStorage.
  useEffect(() => {
    const session = sessions.resume();
    if (session) start(session);
    unlockAudioOnFirstGesture(window);
    return () => sessions.reset();
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
      start(sessions.signIn(response));
      return null;
    } catch (error) {
      return loginFailure(error, i18n.t);
    }
  };

  return (
    <I18nContext.Provider value={i18n}>
      {running ? (
        <RunningConsole running={running} onLanguage={changeLang} onLogout={logout} />
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
