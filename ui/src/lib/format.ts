// Small display helpers. Dates in 和暦 come from the backend (one formatter in core); this only
// shapes what the UI already has.
import type { FiscalYearInfo, Language } from '../backend/bindings';

/** `令和8年度（2026年度）` in Japanese, `FY2026` in English. */
export function fiscalYearLabel(fy: FiscalYearInfo, lang: Language): string {
  return lang === 'en' ? fy.label_en : `${fy.label_ja}（${fy.year}年度）`;
}

// Japan time is UTC+9 all year (no summer time since 1951), so it is computed here rather than through
// Intl: building an ICU date formatter (its locale and time-zone data) costs the window a few
// milliseconds while it starts, for the change list on Home.
const JAPAN_OFFSET_MS = 9 * 60 * 60 * 1000;
const two = (n: number) => String(n).padStart(2, '0');

/** An instant in Japan time, as the change history and backup lists show it: `2026/11/23 14:05`. The
 * council lives in Japan time, whatever the PC's own time zone. */
export function shortDateTime(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const j = new Date(d.getTime() + JAPAN_OFFSET_MS);
  return `${j.getUTCFullYear()}/${two(j.getUTCMonth() + 1)}/${two(j.getUTCDate())} ${two(j.getUTCHours())}:${two(j.getUTCMinutes())}`;
}

/** Digits grouped by three with commas, as ja-JP writes them (without ICU's number formatter, which
 * Home would otherwise load while the window starts). */
function grouped(whole: number): string {
  return String(whole).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** Whole yen with separators: `12,000円` (negative amounts with △, as Japanese accounts write them). */
export function yen(amount: number): string {
  const text = Number.isInteger(amount) ? grouped(Math.abs(amount)) : Math.abs(amount).toLocaleString('ja-JP');
  return `${amount < 0 ? '△' : ''}${text}円`;
}

/** Bytes as a `data:` URL (photos are shown from data URLs: the window's content security policy admits
 * no other source for images that are not part of the app). */
export function dataUrl(bytes: ArrayBuffer | Uint8Array, mime: string): string {
  const b = bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes);
  let s = '';
  // In slices: spreading a whole photo into one call would overflow the argument limit.
  for (let i = 0; i < b.length; i += 0x8000) s += String.fromCharCode(...b.subarray(i, i + 0x8000));
  return `data:${mime};base64,${btoa(s)}`;
}

/** A whole number typed by a person (full-width digits and separators allowed); `null` when blank or
 * not a number. */
export function wholeNumber(text: string): number | null {
  const folded = text.replace(/[０-９]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0)).replace(/[,，\s円]/g, '');
  if (!/^-?\d+$/.test(folded)) return null;
  return Number.parseInt(folded, 10);
}

/** A decimal number typed by a person (full-width digits allowed); `null` when blank or not a number. */
export function decimalNumber(text: string): number | null {
  const folded = text
    .replace(/[０-９．－]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/[,，\s]/g, '');
  if (!/^-?\d+(\.\d+)?$/.test(folded)) return null;
  return Number.parseFloat(folded);
}

/** A value as an indicator shows it: up to two decimals, with separators (1,234.5). */
export function figure(value: number): string {
  return value.toLocaleString('ja-JP', { maximumFractionDigits: 2 });
}
