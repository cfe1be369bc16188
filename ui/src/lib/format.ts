// Small display helpers. Dates in 和暦 come from the backend (one formatter in core); this only
// shapes what the UI already has.
import type { FiscalYearInfo, Language } from '../backend/bindings';

/** `令和8年度（2026年度）` in Japanese, `FY2026` in English. */
export function fiscalYearLabel(fy: FiscalYearInfo, lang: Language): string {
  return lang === 'en' ? fy.label_en : `${fy.label_ja}（${fy.year}年度）`;
}

const japanTime = new Intl.DateTimeFormat('ja-JP', {
  timeZone: 'Asia/Tokyo',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hour12: false,
});

/** An instant in Japan time, as the change history and backup lists show it: `2026/11/23 14:05`. The
 * council lives in Japan time, whatever the PC's own time zone. */
export function shortDateTime(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const part = (type: Intl.DateTimeFormatPartTypes) => japanTime.formatToParts(d).find((p) => p.type === type)?.value ?? '';
  return `${part('year')}/${part('month')}/${part('day')} ${part('hour')}:${part('minute')}`;
}

/** Whole yen with separators: `12,000円` (negative amounts with △, as Japanese accounts write them). */
export function yen(amount: number): string {
  const text = Math.abs(amount).toLocaleString('ja-JP');
  return `${amount < 0 ? '△' : ''}${text}円`;
}
