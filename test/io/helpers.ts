/** Shared helpers of the io tests: temporary input files and a read context. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Ledger } from '../../src/ledger.js';
import { parsePeriod } from '../../src/period.js';
import { readCases, type InputSpec, type ReadContext } from '../../src/io/index.js';
import type { CaseRecord } from '../../src/types.js';

const dir = mkdtempSync(join(tmpdir(), 'govscore-io-'));
let n = 0;

/** Writes a temporary input file and returns its path. */
export function tempFile(name: string, content: string | Uint8Array): string {
  const p = join(dir, `${n++}-${name}`);
  writeFileSync(p, content);
  return p;
}

export function tempDir(): string {
  return dir;
}

export function context(over: Partial<ReadContext> = {}): ReadContext {
  return { ledger: new Ledger(), period: parsePeriod('2026Q3'), registry: null, maxRejectShare: 1, ...over };
}

export async function allCases(spec: InputSpec, ctx: ReadContext): Promise<CaseRecord[]> {
  const out: CaseRecord[] = [];
  for await (const b of readCases(spec, ctx)) out.push(...b);
  return out;
}

/** A CSV text from rows of cells (cells quoted when they need it). */
export function csv(rows: (string | number)[][], eol = '\n'): string {
  const q = (c: string | number) => {
    const s = String(c);
    return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  return rows.map((r) => r.map(q).join(',')).join(eol) + eol;
}

/** The header of a minimal Chinese case log and a row builder with valid defaults. */
export const CASE_HEADER = ['工单编号', '所属社区', '受理时间', '紧急程度', '首次联系时间', '办结时间', '核实反馈时间', '是否解决', '回访满意度', '退单次数', '是否重复诉求'];
export function caseRow(o: Partial<Record<'id' | 'unit' | 'received' | 'urgency' | 'contact' | 'closed' | 'verified' | 'resolved' | 'satisfaction' | 'returned' | 'repeat', string>> = {}): string[] {
  return [
    o.id ?? 'C1',
    o.unit ?? '东湖社区',
    o.received ?? '2026-07-14 09:00:00',
    o.urgency ?? '一般',
    o.contact ?? '',
    o.closed ?? '',
    o.verified ?? '',
    o.resolved ?? '',
    o.satisfaction ?? '',
    o.returned ?? '',
    o.repeat ?? '',
  ];
}
