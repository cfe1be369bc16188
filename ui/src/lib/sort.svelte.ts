// The order a list is shown in, chosen by its column headers and remembered on this PC (one entry in
// `localStorage` per list, `council-desk.sort.<list>`), with the comparison every list sorts by:
// Japanese text in 五十音順 (hiragana and katakana alike), ISO dates as they read, numbers as numbers,
// and empty cells last whichever way the list runs.

export type SortDirection = 'asc' | 'desc';

/** What a row shows in a column, as sorted: text, an ISO date (`2026-04-01`, `2026-04-01 09:30`), a
 * number, or nothing (null, undefined, blank text, NaN), which sorts last. */
export type SortValue = string | number | null | undefined;

export interface SortChoice<K extends string> {
  key: K;
  direction: SortDirection;
}

/** Where a list's order is kept: `council-desk.sort.members` … */
export function storageKey(list: string): string {
  return `council-desk.sort.${list}`;
}

/** The window's `localStorage`, or none where there is none (or it may not be used). */
function defaultStorage(): Storage | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    return null;
  }
}

/** The order kept for `list`, or `fallback` when none is kept or what is kept is not one of `keys`
 * with a direction (an old version's column, an edited or damaged entry). */
export function readChoice<K extends string>(
  storage: Pick<Storage, 'getItem'> | null,
  list: string,
  keys: readonly K[],
  fallback: SortChoice<K>,
): SortChoice<K> {
  let raw: string | null;
  try {
    raw = storage?.getItem(storageKey(list)) ?? null;
  } catch {
    return fallback;
  }
  if (!raw) return fallback;
  try {
    const parsed: unknown = JSON.parse(raw);
    if (typeof parsed !== 'object' || parsed === null) return fallback;
    const { key, direction } = parsed as Record<string, unknown>;
    if (typeof key !== 'string' || !(keys as readonly string[]).includes(key)) return fallback;
    if (direction !== 'asc' && direction !== 'desc') return fallback;
    return { key: key as K, direction };
  } catch {
    return fallback;
  }
}

/** Keeps the order of `list`; a storage that is full or refused only means it is not remembered. */
export function writeChoice<K extends string>(
  storage: Pick<Storage, 'setItem'> | null,
  list: string,
  choice: SortChoice<K>,
): void {
  try {
    storage?.setItem(storageKey(list), JSON.stringify({ key: choice.key, direction: choice.direction }));
  } catch {
    // Not remembered; the list is still sorted.
  }
}

// 五十音順 for kana in either script and width, with numbers inside text by value (2丁目 before 10丁目).
const collator = new Intl.Collator('ja', { numeric: true });
const ISO_DATE = /^\d{4}-\d{2}-\d{2}/;

function isEmpty(v: SortValue): v is null | undefined | '' {
  return v === null || v === undefined || (typeof v === 'string' && v.trim() === '') || (typeof v === 'number' && Number.isNaN(v));
}

/** Compares two cells for `direction`; empty cells come last either way, equal cells compare 0 (so a
 * stable sort keeps the backend's order among them). */
export function compareValues(a: SortValue, b: SortValue, direction: SortDirection = 'asc'): number {
  const aEmpty = isEmpty(a);
  const bEmpty = isEmpty(b);
  if (aEmpty || bEmpty) return aEmpty === bEmpty ? 0 : aEmpty ? 1 : -1;
  let order: number;
  if (typeof a === 'number' && typeof b === 'number') order = a - b;
  else if (typeof a === 'number') order = -1; // numbers before text, should a column hold both
  else if (typeof b === 'number') order = 1;
  else if (ISO_DATE.test(a) && ISO_DATE.test(b)) order = a < b ? -1 : a > b ? 1 : 0;
  else order = collator.compare(a, b);
  const sign = Math.sign(order);
  return direction === 'asc' ? sign : -sign;
}

/** The rows in the chosen order (a new array; rows that compare equal keep their order). */
export function sortRows<T, K extends string>(
  rows: readonly T[],
  choice: SortChoice<K>,
  value: (row: T, key: K) => SortValue,
): T[] {
  const keyed = rows.map((row, i) => ({ row, i, v: value(row, choice.key) }));
  keyed.sort((x, y) => compareValues(x.v, y.v, choice.direction) || x.i - y.i);
  return keyed.map((k) => k.row);
}

/** The order of one list: which column, which way; changed by its headers, remembered per list. */
export class ListSort<K extends string> {
  key: K = $state('' as K);
  direction: SortDirection = $state('asc');

  readonly list: string;
  readonly keys: readonly K[];
  readonly fallback: SortChoice<K>;
  private readonly storage: Storage | null;

  /** `fallback` is the list's order before anyone chose one (the backend's, where it is a column). */
  constructor(list: string, keys: readonly K[], fallback: SortChoice<K>, storage: Storage | null = defaultStorage()) {
    this.list = list;
    this.keys = keys;
    this.fallback = fallback;
    this.storage = storage;
    const kept = readChoice(storage, list, keys, fallback);
    this.key = kept.key;
    this.direction = kept.direction;
  }

  /** The choice now. */
  get choice(): SortChoice<K> {
    return { key: this.key, direction: this.direction };
  }

  /** Whether the list is in its usual order (the one it had before anyone chose). */
  get isFallback(): boolean {
    return this.key === this.fallback.key && this.direction === this.fallback.direction;
  }

  /** A header's click: the same column turns the other way; another column sorts by it, A→Z (or the
   * list's own way for its usual column). */
  toggle(key: K): void {
    if (key === this.key) this.direction = this.direction === 'asc' ? 'desc' : 'asc';
    else {
      this.key = key;
      this.direction = key === this.fallback.key ? this.fallback.direction : 'asc';
    }
    writeChoice(this.storage, this.list, this.choice);
  }

  /** `aria-sort` for a column's header: only the sorted column says how (the others say nothing). */
  ariaSort(key: K): 'ascending' | 'descending' | undefined {
    if (key !== this.key) return undefined;
    return this.direction === 'asc' ? 'ascending' : 'descending';
  }

  /** The rows in this order. */
  sort<T>(rows: readonly T[], value: (row: T, key: K) => SortValue): T[] {
    return sortRows(rows, this.choice, value);
  }
}
