/** Display rounding as a spreadsheet shows numbers, CSV escaping, and text width. */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { displayFixed, fmtRate, textWidth } from '../../src/report/format.js';
import { csvCell, issuesCsv, issuesCsvPath } from '../../src/report/issues-csv.js';

describe('displayFixed', () => {
  it('rounds the 15-digit decimal value half away from zero, like Excel and LibreOffice', () => {
    // 1.005 is stored as 1.00499999999999989…: toFixed gives 1.00, a spreadsheet shows 1.01.
    expect((1.005).toFixed(2)).toBe('1.00');
    expect(displayFixed(1.005, 2)).toBe('1.01');
    expect(displayFixed(-2.25, 1)).toBe('-2.3');
    expect(displayFixed(0.04, 0)).toBe('0');
    expect(displayFixed(-0.04, 1)).toBe('0.0');
    expect(displayFixed(99.95, 1)).toBe('100.0');
    expect(displayFixed(0.0005, 3)).toBe('0.001');
    expect(displayFixed(123456.789, 0)).toBe('123457');
    expect(fmtRate(0.0125)).toBe('1.3%');
  });

  it('agrees with toFixed wherever the value is not near a half', () => {
    fc.assert(
      fc.property(fc.double({ min: -1e6, max: 1e6, noNaN: true }), fc.integer({ min: 0, max: 4 }), (x, d) => {
        const scaled = Math.abs(x) * 10 ** d;
        fc.pre(Math.abs(scaled - Math.floor(scaled) - 0.5) > 1e-6);
        const want = x.toFixed(d);
        expect(displayFixed(x, d)).toBe(/^-0\.?0*$/.test(want) ? want.slice(1) : want);
      }),
    );
  });
});

describe('issues CSV', () => {
  it('escapes cells that begin with = + - @ tab or CR with an apostrophe, and quotes per RFC 4180', () => {
    expect(csvCell('=1+1')).toBe("'=1+1");
    expect(csvCell('+cmd')).toBe("'+cmd");
    expect(csvCell('-1+2')).toBe("'-1+2");
    expect(csvCell('@SUM(1)')).toBe("'@SUM(1)");
    expect(csvCell('\tx')).toBe("'\tx");
    expect(csvCell('a,"b"')).toBe('"a,""b"""');
    expect(csvCell('=a,b')).toBe(`"'=a,b"`);
    expect(csvCell(17)).toBe('17');
    expect(csvCell(null)).toBe('');
    expect(csvCell('普通文本')).toBe('普通文本');
  });

  it('writes a BOM, a header and one CRLF line per issue', () => {
    const csv = issuesCsv([{ file: 'a.csv', row: 2, field: 'unit', value: '=X', reason: 'unknown unit', severity: 'error' }]);
    expect(csv).toBe('\ufefffile,row,field,value,reason,severity\r\na.csv,2,unit,\'=X,unknown unit,error\r\n');
    expect(issuesCsvPath('/o/report.xlsx')).toBe('/o/report.issues.csv');
  });
});

describe('textWidth', () => {
  it('counts CJK and full-width characters as 2', () => {
    expect(textWidth('abc')).toBe(3);
    expect(textWidth('东湖社区')).toBe(8);
    expect(textWidth('（一）A')).toBe(7);
  });
});
