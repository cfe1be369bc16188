// The UI language as reactive state, and `t()` to look up a message in it. Japanese is built in; the
// English catalogue is loaded the first time English is chosen.
import type { Language, Text } from '../backend/bindings';
import { ja, type MessageKey, type Messages } from './messages';

const catalogs: Partial<Record<Language, Messages>> = { ja };

let current = $state<Language>('ja');
// The language last asked for (it may still be loading).
let wanted: Language = 'ja';

/** The language the UI shows now. */
export function language(): Language {
  return current;
}

/** Loads the catalogue of `lang` if it is not loaded yet (before switching to it, to show no mix). */
export async function loadLanguage(lang: Language): Promise<void> {
  if (!catalogs[lang]) catalogs[lang] = (await import('./messages-en')).en;
}

/**
 * Switches the UI language (also sets `<html lang>` so screen readers pronounce it right). A language
 * not loaded yet is loaded first; the UI stays in the current one until it is.
 */
export function setLanguage(lang: Language): void {
  wanted = lang;
  if (!catalogs[lang]) {
    void loadLanguage(lang).then(() => {
      if (wanted === lang) setLanguage(lang);
    });
    return;
  }
  current = lang;
  if (typeof document !== 'undefined') document.documentElement.lang = lang;
}

/** The message for `key` in the current language. */
export function t(key: MessageKey): string {
  return (catalogs[current] ?? ja)[key];
}

/** A change history's line in the current language (recorded in Japanese, read back in English). */
export function changeLine(entry: { summary: string; summary_en: string }): string {
  return current === 'en' ? entry.summary_en : entry.summary;
}

/** What an undo offer calls a record just deleted: 「山田 太郎さんの世帯」, “The household “…””. */
export function deletedName(entry: { summary: string; summary_en: string }): string {
  return current === 'en' ? entry.summary_en.replace(/^Deleted the /, 'The ') : entry.summary.replace(/を削除.*$/, '');
}

/** A two-language text from the backend, in the current language. */
export function tr(text: Text): string {
  return current === 'en' ? text.en : text.ja;
}
