/**
 * The one terminal-table aligner (issue 13 item 2: the commands had four copies of the width rule). Widths are
 * counted by hand: a CJK or full-width character takes two terminal cells, an ASCII one takes one.
 */
import { describe, expect, it } from 'vitest';
import { formatTable } from '../../src/commands/matrix-options.js';
import { alignColumns, displayWidth, renderTable } from '../../src/format/table.js';

describe('displayWidth', () => {
  it('counts CJK, full-width forms and CJK extension B as 2, the rest as 1', () => {
    expect(displayWidth('abc')).toBe(3);
    expect(displayWidth('金桥社区')).toBe(8);
    expect(displayWidth('Ｂ区（西）')).toBe(10);
    expect(displayWidth('𠀀')).toBe(2); // U+20000, one code point of two UTF-16 units
    expect(displayWidth('—─ρ')).toBe(3);
  });
});

describe('alignColumns', () => {
  it('pads each column to its widest cell in display width, right-aligning where asked', () => {
    expect(alignColumns(['单位', 'n'], [['甲', '12']], (j) => j === 1)).toEqual(['单位   n', '────  ──', '甲    12']);
  });

  it('draws the rule with the given character and trims trailing spaces', () => {
    expect(alignColumns(['a', 'b'], [['x', '']], () => false, '-')).toEqual(['a  b', '-  -', 'x']);
  });

  it('is what renderTable (numeric columns right) and formatTable (first column left) print', () => {
    const rows = [['街道甲', '1.5'], ['Ｂ区', '-2']];
    expect(renderTable(['单位', 'v'], rows)).toBe('单位      v\n──────  ───\n街道甲  1.5\nＢ区     -2\n');
    expect(formatTable(['单位', 'v'], rows)).toBe('单位      v\n------  ---\n街道甲  1.5\nＢ区     -2\n');
  });
});
