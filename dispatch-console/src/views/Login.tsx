import { useState } from 'preact/hooks';
import { type Lang, useI18n } from '../i18n';
import { LanguageSwitch } from './LanguageSwitch';

export interface LoginProps {
  /** Signs in; resolves to an error text to show, or null on success. */
  onLogin: (username: string, password: string) => Promise<string | null>;
  onLanguage: (lang: Lang) => void;
  notice: string | null;
}

export function Login({ onLogin, onLanguage, notice }: LoginProps) {
  const { t } = useI18n();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const submit = async (event: Event) => {
    event.preventDefault();
    if (busy) return;
    setBusy(true);
    setError(null);
    const failure = await onLogin(username.trim(), password);
    setBusy(false);
    if (failure) {
      setError(failure);
      setPassword('');
    }
  };

  const shown = error ?? notice;
  return (
    <main class="login-screen">
      <div class="login-top">
        <LanguageSwitch onChange={onLanguage} />
      </div>
      <form class="login-form" data-testid="login-form" onSubmit={submit}>
        <h1>
          <span class="brand-mark" aria-hidden="true">
            114
          </span>{' '}
          {t('appName')}
        </h1>
        <h2>{t('login.title')}</h2>
        <label>
          {t('login.username')}
          <input
            name="username"
            autoComplete="username"
            required
            autoFocus
            value={username}
            data-testid="login-username"
            onInput={(e) => setUsername(e.currentTarget.value)}
          />
        </label>
        <label>
          {t('login.password')}
          <input
            name="password"
            type="password"
            autoComplete="current-password"
            required
            value={password}
            data-testid="login-password"
            onInput={(e) => setPassword(e.currentTarget.value)}
          />
        </label>
        <button type="submit" class="primary" disabled={busy} data-testid="login-submit">
          {busy ? t('login.busy') : t('login.submit')}
        </button>
        <p class="login-error" role="alert" data-testid="login-error" hidden={!shown}>
          {shown}
        </p>
      </form>
    </main>
  );
}
