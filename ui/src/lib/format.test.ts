import { describe, expect, it } from 'vitest';
import { dataUrl, decimalNumber, figure, fiscalYearLabel, shortDateTime, wholeNumber, yen } from './format';

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
  it('groups digits exactly as ja-JP does', () => {
    for (const n of [1, 12, 123, 1234, 12345, 999999, 1000000, 35071200, 2 ** 40, Number.MAX_SAFE_INTEGER]) {
      expect(yen(n)).toBe(`${n.toLocaleString('ja-JP')}円`);
    }
  });
});

describe('shortDateTime', () => {
  it('shows an instant in Japan time', () => {
    expect(shortDateTime('2026-11-23T03:00:00.000Z')).toBe('2026/11/23 12:00');
    expect(shortDateTime('2026-03-31T20:30:00Z')).toBe('2026/04/01 05:30');
  });
  it('agrees with the time zone database for Asia/Tokyo across years and year ends', () => {
    const tokyo = new Intl.DateTimeFormat('ja-JP', {
      timeZone: 'Asia/Tokyo', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hour12: false,
    });
    const expected = (d: Date) => {
      const p = Object.fromEntries(tokyo.formatToParts(d).map((x) => [x.type, x.value]));
      return `${p.year}/${p.month}/${p.day} ${p.hour}:${p.minute}`;
    };
    for (let t = Date.UTC(1990, 0, 1); t < Date.UTC(2040, 0, 1); t += 7_919_993_117) {
      expect(shortDateTime(new Date(t).toISOString())).toBe(expected(new Date(t)));
    }
    expect(shortDateTime('2026-12-31T15:00:00Z')).toBe('2027/01/01 00:00');
    expect(shortDateTime('2026-12-31T14:59:00Z')).toBe('2026/12/31 23:59');
  });
  it('keeps text that is not an instant', () => {
    expect(shortDateTime('not a date')).toBe('not a date');
  });
});

describe('numbers typed by people', () => {
  it('reads whole numbers in full or half width, with separators', () => {
    expect(wholeNumber('１２０')).toBe(120);
    expect(wholeNumber('12,000円')).toBe(12000);
    expect(wholeNumber('')).toBeNull();
    expect(wholeNumber('十')).toBeNull();
    expect(wholeNumber('1.5')).toBeNull();
  });
  it('reads decimals', () => {
    expect(decimalNumber('７８．２')).toBe(78.2);
    expect(decimalNumber('-3')).toBe(-3);
    expect(decimalNumber('abc')).toBeNull();
  });
  it('shows indicator values with separators and at most two decimals', () => {
    expect(figure(1234.5)).toBe('1,234.5');
    expect(figure(79.8)).toBe('79.8');
  });
});

describe('photos as data URLs', () => {
  it('encodes bytes as base64', () => {
    expect(dataUrl(new Uint8Array([0x89, 0x50, 0x4e, 0x47]), 'image/png')).toBe('data:image/png;base64,iVBORw==');
  });
});
