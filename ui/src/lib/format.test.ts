import { describe, expect, it } from 'vitest';
import { fiscalYearLabel, shortDateTime, yen } from './format';

const fy = {
  year: 2026,
  label_ja: '令和8年度',
  label_en: 'FY2026',
  start: '2026-04-01',
  end: '2027-03-31',
  period: { ja: '', en: '' },
};

describe('fiscalYearLabel', () => {
  it('shows 和暦 with the western year in Japanese', () => {
    expect(fiscalYearLabel(fy, 'ja')).toBe('令和8年度（2026年度）');
  });
  it('shows FY2026 in English', () => {
    expect(fiscalYearLabel(fy, 'en')).toBe('FY2026');
  });
});

describe('yen', () => {
  it('writes whole yen with separators', () => {
    expect(yen(0)).toBe('0円');
    expect(yen(12000)).toBe('12,000円');
    expect(yen(1234567)).toBe('1,234,567円');
    expect(yen(-1200)).toBe('△1,200円');
  });
});

describe('shortDateTime', () => {
  it('shows an instant in Japan time', () => {
    expect(shortDateTime('2026-11-23T03:00:00.000Z')).toBe('2026/11/23 12:00');
    expect(shortDateTime('2026-03-31T20:30:00Z')).toBe('2026/04/01 05:30');
  });
});
