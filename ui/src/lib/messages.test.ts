import { describe, expect, it } from 'vitest';
import { ja } from './messages';
import { en } from './messages-en';

describe('messages', () => {
  it('has an English text for every Japanese key, and no others', () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(ja).sort());
  });

  it('leaves no Japanese message empty', () => {
    const empty = Object.entries(ja).filter(([, v]) => v.trim() === '');
    expect(empty, 'every message must have text').toEqual([]);
  });

  it('leaves no English message empty except suffixes that English does not use', () => {
    const empty = Object.entries(en)
      .filter(([, v]) => v.trim() === '')
      .map(([k]) => k);
    expect(empty).toEqual(['profile.monthSuffix', 'household.person', 'search.moreBefore']);
  });
});
