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
