/**
 * The period forms the synthetic generators accept: '2026Q3', '2026-09', '2026-07-01..2026-09-30'.
 * A small parser of its own so the generator stays usable from plain scripts without the CLI's pipeline.
 * @throws Error on any other form or an impossible date
 * @example parseSynthPeriod('2026Q3') // → { from: '2026-07-01', to: '2026-09-30' }
 */
export interface SynthPeriod {
  from: string;
  to: string;
}

function iso(y: number, m: number, d: number): string {
  return new Date(Date.UTC(y, m - 1, d)).toISOString().slice(0, 10);
}

function lastDay(y: number, m: number): number {
  return new Date(Date.UTC(y, m, 0)).getUTCDate();
}

export function parseSynthPeriod(p: string): SynthPeriod {
  let m = /^(\d{4})Q([1-4])$/i.exec(p);
  if (m) {
    const y = +m[1];
    const q = +m[2];
    return { from: iso(y, 3 * q - 2, 1), to: iso(y, 3 * q, lastDay(y, 3 * q)) };
  }
  m = /^(\d{4})-(\d{2})$/.exec(p);
  if (m && +m[2] >= 1 && +m[2] <= 12) return { from: iso(+m[1], +m[2], 1), to: iso(+m[1], +m[2], lastDay(+m[1], +m[2])) };
  m = /^(\d{4}-\d{2}-\d{2})\.\.(\d{4}-\d{2}-\d{2})$/.exec(p);
  if (m) {
    for (const d of [m[1], m[2]]) {
      if (iso(+d.slice(0, 4), +d.slice(5, 7), +d.slice(8, 10)) !== d) throw new Error(`not a date: ${d}`);
    }
    return { from: m[1], to: m[2] };
  }
  throw new Error(`period must look like 2026Q3, 2026-09 or 2026-07-01..2026-09-30, got "${p}"`);
}
