/**
 * Numbers as the workbook's cells display them, so that a number in a findings sentence equals its cell.
 * A spreadsheet shows at most 15 significant digits and rounds halves away from zero on that decimal value
 * (so 1.005 with format 0.00 shows 1.01, where Number.prototype.toFixed gives 1.00): we round the 15-digit
 * decimal string, not the binary value.
 */

import { displayFixed } from '../format/display-fixed.js';
import { displayWidth } from '../format/table.js';

export { displayFixed };

/** Number formats used across the workbook (issue 5 §5). */
export const NUMFMT = {
  score: '0.0',
  rate: '0.0%',
  weight: '0.0000',
  points: '0.00',
  integer: '0',
  signedScore: '+0.0;-0.0;0.0',
  ratio: '0.000',
} as const;

/** A score as format 0.0 shows it. @example fmtScore(87.349) // → '87.3' */
export const fmtScore = (x: number): string => displayFixed(x, 1);

/** A share as format 0.0% shows it. @example fmtRate(0.0125) // → '1.3%' */
export const fmtRate = (x: number): string => `${displayFixed(x * 100, 1)}%`;

/** Points as format 0.00 shows them. @example fmtPoints(0.875) // → '0.88' */
export const fmtPoints = (x: number): string => displayFixed(x, 2);

/** Width of a text in spreadsheet column units: CJK and other full-width characters count 2. */
export const textWidth = displayWidth;
