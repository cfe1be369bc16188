import { describe, expect, it } from 'vitest';
import { fiscalYearLabel } from './format';

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
