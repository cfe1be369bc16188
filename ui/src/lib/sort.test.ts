import { describe, expect, it } from 'vitest';
import { compareValues, ListSort, readChoice, sortRows, storageKey, type SortValue } from './sort.svelte';

/** A `localStorage` of this test's own. */
function memoryStorage(initial: Record<string, string> = {}): Storage {
  const data = new Map(Object.entries(initial));
  return {
    get length() {
      return data.size;
    },
    clear: () => data.clear(),
    getItem: (k: string) => data.get(k) ?? null,
    key: (i: number) => [...data.keys()][i] ?? null,
    removeItem: (k: string) => void data.delete(k),
    setItem: (k: string, v: string) => void data.set(k, String(v)),
  };
}

const sorted = (values: SortValue[], direction: 'asc' | 'desc' = 'asc') =>
  sortRows(values, { key: 'v', direction }, (v) => v);

describe('compareValues', () => {
  it('puts readings in 五十音順, hiragana and katakana alike', () => {
    expect(sorted(['わたなべ', 'いとう', 'カトウ', 'あべ', 'サトウ', 'きむら'])).toEqual([
      'あべ', 'いとう', 'カトウ', 'きむら', 'サトウ', 'わたなべ',
    ]);
    // Code-unit order would put every katakana after every hiragana.
    expect(compareValues('カトウ', 'きむら')).toBe(-1);
  });

  it('reads numbers inside text by value', () => {
    expect(sorted(['みどり町10-1', 'みどり町2-5', 'みどり町1-3'])).toEqual(['みどり町1-3', 'みどり町2-5', 'みどり町10-1']);
  });

  it('orders ISO dates and date-times as they read', () => {
    expect(sorted(['2026-10-01', '2026-04-01 09:30', '2025-12-31', '2026-04-01 ', '2026-04-01 13:00'])).toEqual([
      '2025-12-31', '2026-04-01 ', '2026-04-01 09:30', '2026-04-01 13:00', '2026-10-01',
    ]);
    expect(sorted(['2026-04-01', '2027-01-15', '2026-11-30'], 'desc')).toEqual(['2027-01-15', '2026-11-30', '2026-04-01']);
  });

  it('orders numbers numerically, not as text', () => {
    expect(sorted([100, 9, 25, 1000])).toEqual([9, 25, 100, 1000]);
    expect(sorted([100, 9, 25, 1000], 'desc')).toEqual([1000, 100, 25, 9]);
  });

  it('puts empty cells last in both directions', () => {
    expect(sorted([null, 3, undefined, 1, NaN, 2])).toEqual([1, 2, 3, null, undefined, NaN]);
    expect(sorted([null, 3, 1, undefined, 2], 'desc')).toEqual([3, 2, 1, null, undefined]);
    expect(sorted(['', 'いとう', '  ', 'あべ'], 'desc')).toEqual(['いとう', 'あべ', '', '  ']);
    expect(sorted([null, '2026-05-01', '2026-04-01'], 'desc')).toEqual(['2026-05-01', '2026-04-01', null]);
  });
});

describe('sortRows', () => {
  it('keeps the given order among equal cells, in both directions', () => {
    const rows = [
      { id: 'a', block: '1班' },
      { id: 'b', block: '2班' },
      { id: 'c', block: '1班' },
      { id: 'd', block: '2班' },
    ];
    const by = (direction: 'asc' | 'desc') => sortRows(rows, { key: 'block', direction }, (r) => r.block).map((r) => r.id);
    expect(by('asc')).toEqual(['a', 'c', 'b', 'd']);
    expect(by('desc')).toEqual(['b', 'd', 'a', 'c']);
  });

  it('returns a new array and leaves the rows alone', () => {
    const rows = [3, 1, 2];
    const out = sortRows(rows, { key: 'n', direction: 'asc' }, (n) => n);
    expect(out).toEqual([1, 2, 3]);
    expect(rows).toEqual([3, 1, 2]);
  });
});

describe('readChoice', () => {
  const keys = ['reading', 'address', 'block'] as const;
  const fallback = { key: 'reading', direction: 'asc' } as const;
  const read = (stored: string | null) =>
    readChoice(memoryStorage(stored === null ? {} : { [storageKey('members')]: stored }), 'members', keys, fallback);

  it('reads the order kept for the list', () => {
    expect(read('{"key":"address","direction":"desc"}')).toEqual({ key: 'address', direction: 'desc' });
  });

  it('falls back for nothing kept, damaged JSON, unknown columns or directions', () => {
    expect(read(null)).toEqual(fallback);
    expect(read('')).toEqual(fallback);
    expect(read('{not json')).toEqual(fallback);
    expect(read('null')).toEqual(fallback);
    expect(read('"address"')).toEqual(fallback);
    expect(read('{"key":"joined","direction":"asc"}')).toEqual(fallback);
    expect(read('{"key":"address","direction":"up"}')).toEqual(fallback);
    expect(read('{"key":"toString","direction":"asc"}')).toEqual(fallback);
    expect(read('[1,2]')).toEqual(fallback);
  });

  it('falls back when there is no storage or it refuses to be read', () => {
    expect(readChoice(null, 'members', keys, fallback)).toEqual(fallback);
    const refusing = { getItem: () => { throw new Error('SecurityError'); } };
    expect(readChoice(refusing, 'members', keys, fallback)).toEqual(fallback);
  });
});

describe('ListSort', () => {
  const keys = ['fy', 'project', 'next'] as const;

  it('starts in the list’s usual order and says so to screen readers', () => {
    const s = new ListSort('grants', keys, { key: 'fy', direction: 'desc' }, memoryStorage());
    expect(s.choice).toEqual({ key: 'fy', direction: 'desc' });
    expect(s.isFallback).toBe(true);
    expect(s.ariaSort('fy')).toBe('descending');
    expect(s.ariaSort('project')).toBeUndefined();
  });

  it('turns the same column the other way, and sorts another A→Z', () => {
    const s = new ListSort('grants', keys, { key: 'fy', direction: 'desc' }, memoryStorage());
    s.toggle('fy');
    expect(s.choice).toEqual({ key: 'fy', direction: 'asc' });
    s.toggle('next');
    expect(s.choice).toEqual({ key: 'next', direction: 'asc' });
    expect(s.ariaSort('next')).toBe('ascending');
    expect(s.ariaSort('fy')).toBeUndefined();
    s.toggle('next');
    expect(s.ariaSort('next')).toBe('descending');
    // Back to the usual column: its usual direction.
    s.toggle('fy');
    expect(s.choice).toEqual({ key: 'fy', direction: 'desc' });
    expect(s.isFallback).toBe(true);
  });

  it('remembers the choice per list, for the next time the list is opened', () => {
    const storage = memoryStorage();
    const members = new ListSort('members', ['reading', 'address'] as const, { key: 'reading', direction: 'asc' }, storage);
    members.toggle('address');
    members.toggle('address');
    expect(storage.getItem('council-desk.sort.members')).toBe('{"key":"address","direction":"desc"}');

    const again = new ListSort('members', ['reading', 'address'] as const, { key: 'reading', direction: 'asc' }, storage);
    expect(again.choice).toEqual({ key: 'address', direction: 'desc' });
    // Another list is not affected.
    const events = new ListSort('events', ['when', 'title'] as const, { key: 'when', direction: 'asc' }, storage);
    expect(events.choice).toEqual({ key: 'when', direction: 'asc' });
  });

  it('still sorts when the choice cannot be kept', () => {
    const full = { ...memoryStorage(), setItem: () => { throw new Error('QuotaExceededError'); } } as Storage;
    const s = new ListSort('events', ['when', 'title'] as const, { key: 'when', direction: 'asc' }, full);
    s.toggle('title');
    expect(s.sort([{ title: 'むし' }, { title: 'あき' }], (r) => r.title)).toEqual([{ title: 'あき' }, { title: 'むし' }]);
  });
});
