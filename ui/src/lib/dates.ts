// Dates as people type and read them: 和暦 (令和8年11月23日, R8.11.23) or western (2026-11-23,
// 2026/11/23), full-width digits allowed. The backend keeps ISO dates; these only turn what a person
// types into one, and one into what they prefer to read.
import type { DateStyle } from '../backend/bindings';

/** The eras a council's dates fall in, newest first: name, initials, first day (ISO). */
const ERAS: [string, string, string][] = [
  ['令和', 'R', '2019-05-01'],
  ['平成', 'H', '1989-01-08'],
  ['昭和', 'S', '1926-12-25'],
];

function iso(y: number, m: number, d: number): string | null {
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return null;
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/** The ISO date a person typed, or `null` if it cannot be read as one. Accepts `2026-11-23`,
 * `2026/11/23`, `2026年11月23日`, `20261123`, `令和8年11月23日`, `令和元年5月1日`, `R8.11.23`,
 * `r8/11/23`, `令8.11.23`, `H31.4.30`, with full-width characters and spaces anywhere. */
export function parseDate(text: string): string | null {
  const s = text.normalize('NFKC').replace(/\s/g, '').replace(/元(?=年)/, '1');
  if (!s) return null;
  let m = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$/.exec(s);
  if (m) return iso(Number(m[1]), Number(m[2]), Number(m[3]));
  m = /^(\d{4})(\d{2})(\d{2})$/.exec(s);
  if (m) return iso(Number(m[1]), Number(m[2]), Number(m[3]));
  m = /^(令和|平成|昭和|令|平|昭|[RHSrhs])(\d{1,2})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$/.exec(s);
  if (!m) return null;
  const given = m[1] ?? '';
  const era = ERAS.find(([name, initial]) => name === given || name[0] === given || initial === given.toUpperCase());
  if (!era || Number(m[2]) < 1) return null;
  const first = Number(era[2].slice(0, 4));
  return iso(first + Number(m[2]) - 1, Number(m[3]), Number(m[4]));
}

/** An ISO date as the person prefers to read it: `令和8年11月23日` or `2026年11月23日`. */
export function formatDate(isoDate: string, style: DateStyle): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(isoDate);
  if (!m) return isoDate;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (style === 'western') return `${y}年${mo}月${d}日`;
  const era = ERAS.find(([, , start]) => isoDate >= start);
  if (!era) return `${y}年${mo}月${d}日`;
  const year = y - Number(era[2].slice(0, 4)) + 1;
  return `${era[0]}${year === 1 ? '元' : year}年${mo}月${d}日`;
}

/** The other calendar's reading of an ISO date, shown under a date field so a typo shows at once. */
export function otherReading(isoDate: string, style: DateStyle): string {
  return formatDate(isoDate, style === 'western' ? 'wareki' : 'western');
}

/** The eras a person's birth year may fall in, newest first: name, initial, first year. */
const YEAR_ERAS: [string, string, number][] = [
  ['令和', 'R', 2019],
  ['平成', 'H', 1989],
  ['昭和', 'S', 1926],
  ['大正', 'T', 1912],
  ['明治', 'M', 1868],
];

/** The western year a person typed, or `null` if it cannot be read as one. Accepts `1950`,
 * `1950年`, `昭和25`, `昭和25年`, `昭25`, `S25`, `s25`, `平成元年`, with full-width characters and
 * spaces anywhere; a year past the era's end (昭和70) is refused. */
export function parseYear(text: string): number | null {
  const s = text.normalize('NFKC').replace(/\s/g, '').replace(/元(?=年|$)/, '1');
  let m = /^(\d{4})年?$/.exec(s);
  if (m) {
    const y = Number(m[1]);
    return y >= 1868 && y <= 2100 ? y : null;
  }
  m = /^(令和|平成|昭和|大正|明治|令|平|昭|大|明|[RHSTMrhstm])(\d{1,2})年?$/.exec(s);
  if (!m) return null;
  const given = m[1] ?? '';
  const i = YEAR_ERAS.findIndex(([name, initial]) => name === given || name[0] === given || initial === given.toUpperCase());
  const era = YEAR_ERAS[i];
  const n = Number(m[2]);
  if (!era || n < 1) return null;
  const year = era[2] + n - 1;
  // The era's last year is the next era's first (昭和64 = 平成元 = 1989).
  const next = i > 0 ? YEAR_ERAS[i - 1] : undefined;
  return next && year > next[2] ? null : year;
}

/** A western year with its 和暦 reading: `1950年（昭和25年）`. */
export function yearReading(year: number): string {
  const era = YEAR_ERAS.find(([, , first]) => year >= first);
  if (!era) return `${year}年`;
  const n = year - era[2] + 1;
  return `${year}年（${era[0]}${n === 1 ? '元' : n}年）`;
}
