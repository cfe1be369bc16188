import { describe, expect, it } from 'vitest';
import { formatDate, parseDate, parseYear, yearReading } from './dates';

describe('parseDate', () => {
  it('reads western dates in the usual spellings', () => {
    for (const text of ['2026-11-23', '2026/11/23', '2026.11.23', '2026年11月23日', '20261123', '２０２６／１１／２３', ' 2026-11-23 ']) {
      expect(parseDate(text), text).toBe('2026-11-23');
    }
  });
  it('reads 和暦 in full, abbreviated and by initial', () => {
    for (const text of ['令和8年11月23日', '令和８年１１月２３日', 'R8.11.23', 'r8/11/23', '令8.11.23', 'Ｒ８．１１．２３']) {
      expect(parseDate(text), text).toBe('2026-11-23');
    }
    expect(parseDate('令和元年5月1日')).toBe('2019-05-01');
    expect(parseDate('H31.4.30')).toBe('2019-04-30');
    expect(parseDate('平成元年1月8日')).toBe('1989-01-08');
    expect(parseDate('昭和64年1月7日')).toBe('1989-01-07');
    expect(parseDate('S50.3.31')).toBe('1975-03-31');
  });
  it('refuses what is not a date', () => {
    for (const text of ['', '明日', '2026-02-30', 'R8.13.1', 'R0.1.1', '2026-11', 'X8.11.23']) {
      expect(parseDate(text), text).toBeNull();
    }
  });
});

describe('formatDate', () => {
  it('writes 和暦 with 元年, or western', () => {
    expect(formatDate('2026-11-23', 'wareki')).toBe('令和8年11月23日');
    expect(formatDate('2019-05-01', 'wareki')).toBe('令和元年5月1日');
    expect(formatDate('2019-04-30', 'wareki')).toBe('平成31年4月30日');
    expect(formatDate('2026-11-23', 'western')).toBe('2026年11月23日');
  });
  it('reads back what it writes', () => {
    for (const d of ['2026-11-23', '2019-05-01', '1989-01-08', '1975-03-31']) {
      expect(parseDate(formatDate(d, 'wareki'))).toBe(d);
      expect(parseDate(formatDate(d, 'western'))).toBe(d);
    }
  });
});

describe('parseYear', () => {
  it('reads a birth year as people write it', () => {
    for (const text of ['1950', '1950年', '１９５０', '昭和25', '昭和２５年', '昭25', 'S25', 's25', 'Ｓ２５', ' 昭和 25 ']) {
      expect(parseYear(text), text).toBe(1950);
    }
    expect(parseYear('平成元年')).toBe(1989);
    expect(parseYear('昭和64')).toBe(1989);
    expect(parseYear('大正15')).toBe(1926);
    expect(parseYear('R2')).toBe(2020);
  });
  it('refuses what is not a year', () => {
    for (const text of ['', '昭和', '25', '昭和70', 'X25', '1950年4月', '19500', '0', 'たろう']) {
      expect(parseYear(text), text).toBeNull();
    }
  });
  it('reads a year back in 和暦', () => {
    expect(yearReading(1950)).toBe('1950年（昭和25年）');
    expect(yearReading(1989)).toBe('1989年（平成元年）');
    expect(yearReading(2026)).toBe('2026年（令和8年）');
  });
});
