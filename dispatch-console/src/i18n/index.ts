import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import { en } from './en';
import { vi } from './vi';

export type Lang = 'vi' | 'en';
export type MessageKey = keyof typeof vi;
export type Params = Record<string, string | number>;
export type Translate = (key: MessageKey, params?: Params) => string;

export const dictionaries: Record<Lang, Record<MessageKey, string>> = { vi, en };
export const LANGS: readonly Lang[] = ['vi', 'en'];

/**
 * Looks a text up and fills in its {placeholders}. A text "one|many" picks by the `n` parameter
 * (English plurals; Vietnamese nouns do not change).
 */
export function translate(lang: Lang, key: MessageKey, params: Params = {}): string {
  let text: string = dictionaries[lang][key] ?? dictionaries.vi[key] ?? key;
  if (text.includes('|')) {
    const [one, many] = text.split('|');
    // `n` may come already formatted ("1", "59 000"): only exactly one is singular.
    text = params.n === 1 || params.n === '1' ? one : many;
  }
  return text.replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in params ? String(params[name]) : whole,
  );
}

export const translator =
  (lang: Lang): Translate =>
  (key, params) =>
    translate(lang, key, params);

const LANG_KEY = 'baochay.lang';

/** The remembered language choice; Vietnamese unless English was picked. */
export function loadLang(storage: Pick<Storage, 'getItem'> | null): Lang {
  try {
    return storage?.getItem(LANG_KEY) === 'en' ? 'en' : 'vi';
  } catch {
    return 'vi';
  }
}

export function saveLang(storage: Pick<Storage, 'setItem'> | null, lang: Lang): void {
  try {
    storage?.setItem(LANG_KEY, lang);
  } catch {
    // not remembered: still switched for this page
  }
}

export interface I18n {
  lang: Lang;
  t: Translate;
}

export const I18nContext = createContext<I18n>({ lang: 'vi', t: translator('vi') });
export const useI18n = (): I18n => useContext(I18nContext);
