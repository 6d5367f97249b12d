import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { commonEn } from './common.en.ts';
import { commonZh } from './common.zh-CN.ts';

export const LANGUAGES = ['en', 'zh-CN'] as const;
export type Language = (typeof LANGUAGES)[number];
const STORAGE_KEY = 'sendback.language';

function initialLanguage(): Language {
  const stored = localStorage.getItem(STORAGE_KEY);
  if (stored === 'en' || stored === 'zh-CN') return stored;
  return navigator.language.toLowerCase().startsWith('zh') ? 'zh-CN' : 'en';
}

/** Each console adds its own namespace (buyer, seller, agent) with the same two languages. */
export function addStrings(namespace: string, en: object, zh: object) {
  i18next.addResourceBundle('en', namespace, en, true, true);
  i18next.addResourceBundle('zh-CN', namespace, zh, true, true);
}

export async function setupI18n() {
  await i18next.use(initReactI18next).init({
    lng: initialLanguage(),
    fallbackLng: 'en',
    defaultNS: 'common',
    // A console's namespace falls back to the shared strings (statuses, reasons, commands…).
    fallbackNS: 'common',
    resources: { en: { common: commonEn }, 'zh-CN': { common: commonZh } },
    interpolation: { escapeValue: false },
  });
  document.documentElement.lang = i18next.language;
}

/** The choice persists across visits. */
export async function changeLanguage(language: Language) {
  localStorage.setItem(STORAGE_KEY, language);
  await i18next.changeLanguage(language);
  document.documentElement.lang = language;
}
