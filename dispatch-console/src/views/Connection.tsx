import type { LinkState } from '../api/live';
import { useI18n } from '../i18n';

/** Always visible: whether the live feed is up. The shape differs per state, not only the colour. */
export function Connection({ state, seq }: { state: LinkState; seq: number | null }) {
  const { t } = useI18n();
  const symbol = state === 'connected' ? '●' : state === 'reconnecting' ? '◌' : '✕';
  return (
    <div
      class={`connection connection-${state}`}
      data-testid="connection"
      data-state={state}
      role="status"
      aria-live="polite"
      title={seq === null ? undefined : t('connection.lastEvent', { seq })}
    >
      <span class="connection-symbol" aria-hidden="true">
        {symbol}
      </span>
      <span>{t(`connection.${state}`)}</span>
    </div>
  );
}
