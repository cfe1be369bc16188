// Small display helpers. Dates in 和暦 come from the backend (one formatter in core); this only
// shapes what the UI already has.
import type { FiscalYearInfo, Language } from '../backend/bindings';

/** `令和8年度（2026年度）` in Japanese, `FY2026` in English. */
export function fiscalYearLabel(fy: FiscalYearInfo, lang: Language): string {
  return lang === 'en' ? fy.label_en : `${fy.label_ja}（${fy.year}年度）`;
}

/** A local date-time for the change history: `2026/11/23 14:05`. */
export function shortDateTime(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}/${p(d.getMonth() + 1)}/${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}`;
}

/** Whole yen with separators: `12,000円` (negative amounts with △, as Japanese accounts write them). */
export function yen(amount: number): string {
  const text = Math.abs(amount).toLocaleString('ja-JP');
  return `${amount < 0 ? '△' : ''}${text}円`;
}
