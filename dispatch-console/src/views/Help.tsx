import { useI18n } from '../i18n';

/** The keyboard shortcuts, shown with "?". */
export function Help({ onClose }: { onClose: () => void }) {
  const { t } = useI18n();
  const rows: [string, string][] = [
    ['A', t('help.acknowledge')],
    ['D', t('help.dispatch')],
    ['J  ↓', t('help.next')],
    ['K  ↑', t('help.previous')],
    ['Enter', t('help.burst')],
    ['?', t('help.toggle')],
  ];
  return (
    <div class="overlay" role="dialog" aria-modal="true" aria-labelledby="help-title" data-testid="shortcuts-help">
      <div class="overlay-box">
        <h2 id="help-title">{t('help.title')}</h2>
        <dl class="shortcuts">
          {rows.map(([keys, what]) => (
            <div key={keys}>
              <dt>
                <kbd>{keys}</kbd>
              </dt>
              <dd>{what}</dd>
            </div>
          ))}
        </dl>
        <button type="button" class="primary" onClick={onClose} autoFocus>
          {t('help.close')} (Esc)
        </button>
      </div>
    </div>
  );
}
