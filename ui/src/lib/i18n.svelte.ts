// The UI language as reactive state, and `t()` to look up a message in it.
import type { Language, Text } from '../backend/bindings';
import { en, ja, type MessageKey, type Messages } from './messages';

const catalogs: Record<Language, Messages> = { ja, en };

let current = $state<Language>('ja');

/** The language the UI shows now. */
export function language(): Language {
  return current;
}

/** Switches the UI language (also sets `<html lang>` so screen readers pronounce it right). */
export function setLanguage(lang: Language): void {
  current = lang;
  if (typeof document !== 'undefined') document.documentElement.lang = lang;
}

/** The message for `key` in the current language. */
export function t(key: MessageKey): string {
  return catalogs[current][key];
}

/** A two-language text from the backend, in the current language. */
export function tr(text: Text): string {
  return current === 'en' ? text.en : text.ja;
}
