import { describe, expect, it } from 'vitest';
import { language, loadLanguage, setLanguage, t } from './i18n.svelte';

describe('i18n', () => {
  it('starts in Japanese and loads English only when it is chosen', async () => {
    expect(language()).toBe('ja');
    expect(t('app.retry')).toBe('もう一度試す');
    // Not loaded yet: the UI stays in Japanese until the catalogue is there, then switches.
    setLanguage('en');
    expect(language()).toBe('ja');
    await loadLanguage('en');
    await Promise.resolve();
    expect(language()).toBe('en');
    expect(t('app.retry')).toBe('Try again');
    setLanguage('ja');
    expect(t('app.retry')).toBe('もう一度試す');
    setLanguage('en');
    expect(t('app.retry')).toBe('Try again');
  });
});
