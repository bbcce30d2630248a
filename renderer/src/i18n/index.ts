/**
 * i18next set up for the renderer: Danish by default, English selectable; the choice is kept
 * in localStorage. Every UI string lives in da.json / en.json.
 */
import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import type { DateLanguage } from '../../../common/domain/danishDates';
import da from './da.json';
import en from './en.json';
import { langs, type Lang } from '../../../common/domain/lang';

export const languages = langs;
export type Language = Lang;

const storageKey = 'referat.language';

function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (languages as readonly string[]).includes(value);
}

function storedLanguage(): Language {
  try {
    const value = window.localStorage.getItem(storageKey);
    return isLanguage(value) ? value : 'da';
  } catch {
    return 'da';
  }
}

/** Initialises i18next once; resolves when the resources are ready. */
export async function initI18n(): Promise<typeof i18next> {
  const language = storedLanguage();
  await i18next.use(initReactI18next).init({
    resources: { da: { translation: da }, en: { translation: en } },
    lng: language,
    fallbackLng: 'da',
    supportedLngs: [...languages],
    interpolation: { escapeValue: false },
    returnNull: false,
    showSupportNotice: false,
  });
  document.documentElement.lang = language;
  return i18next;
}

/** Switches the UI language and remembers the choice. */
export async function changeLanguage(language: Language): Promise<void> {
  await i18next.changeLanguage(language);
  document.documentElement.lang = language;
  try {
    window.localStorage.setItem(storageKey, language);
  } catch {
    // Private windows may refuse storage; the switch still applies to this session.
  }
}

/** The date language of the current UI language. */
export function dateLanguage(language: string): DateLanguage {
  return language.startsWith('en') ? 'en' : 'da';
}
