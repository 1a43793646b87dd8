import { LANGS, type Lang, useI18n } from '../i18n';

export function LanguageSwitch({ onChange }: { onChange: (lang: Lang) => void }) {
  const { lang, t } = useI18n();
  return (
    <div class="lang-switch" role="group" aria-label={t('language.label')}>
      {LANGS.map((option) => (
        <button
          type="button"
          key={option}
          class={option === lang ? 'lang active' : 'lang'}
          aria-pressed={option === lang}
          data-testid={`lang-${option}`}
          onClick={() => onChange(option)}
        >
          {option.toUpperCase()}
        </button>
      ))}
    </div>
  );
}
