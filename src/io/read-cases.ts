/**
 * Reads and validates a case log (design §3.1), streaming: accepted rows come out as CaseRecord batches of about
 * 10,000, so memory grows with the batch, not the file.
 *
 * Rules, per row, every problem recorded in the ledger (file, row, field, value, reason):
 * - a required field (case_id, unit, received_at, urgency) missing or unreadable → rejected;
 * - a non-empty date-time that cannot be read (2026-02-30, 25:00) → rejected, since treating an unreadable closing
 *   time as "still open" would change the metrics silently;
 * - returned_count not a whole number ≥ 0 → rejected (empty is 0);
 * - first_contact_at or closed_at earlier than received_at → rejected;
 * - verified_at earlier than closed_at → kept with verifiedAt = null and a warning (treated as missing);
 * - resolved, repeat or satisfaction unreadable → kept with the value missing and a warning;
 * - with a unit registry, a unit not in it → rejected;
 * - a row whose number of cells differs from the header (beyond empty trailing cells) → rejected;
 * - received outside the period → excluded and counted out_of_period, not an error; so is a case received after a
 *   cut-off inside the period (also counted after_cutoff: the run warns about them, compute-metrics.ts);
 * - a date-only deadline_at is read as the end of that day (23:59:59.999), since a deadline is inclusive;
 * - a case_id already accepted from an earlier row → rejected. Checked last, among the otherwise valid rows of the
 *   period only, so that which ids are accepted does not depend on the order of the rows (a fast-check property).
 * After the file: more than maxRejectShare of its rows rejected → DataError (exit 3).
 *
 * @throws DataError for unreadable files, missing required columns, too many rejected rows
 * @example for await (const batch of readCases({ path: 'cases.csv', mapping: null }, ctx)) total += batch.length;
 */
import { DAY_MS, dayOf } from '../time.js';
import { periodBounds } from '../period.js';
import type { CaseRecord, SatisfactionLevel, Urgency } from '../types.js';
import { CaseIdSet } from './case-id-set.js';
import { FAST_OK, FastCaseLines } from './fast-case-line.js';
import { parseDateTime, statesTimeOfDay, type CellValue } from './datetime.js';
import { detached, FileTally, fieldLabel } from './file-tally.js';
import type { CsvWindow } from './csv-reader.js';
import type { EncodingVerdict } from './encoding.js';
import { openInput, planOrClose, type InputSpec, type ReadContext } from './input.js';
import type { TableReader } from './table.js';
import { planColumns, type FieldSource } from './mapping.js';
import { ConfigError } from '../errors.js';
import { normaliseAddress } from '../repeats/address.js';
import { normaliseCaller } from '../repeats/caller.js';
import { INVALID, parseBoolean, parseCount, parseSatisfaction, parseText, parseUrgency } from './values.js';

const BATCH = 2_000;

const R_MISSING = 'required field missing';
const R_DATETIME = 'unreadable date-time';
const R_URGENCY = 'unknown urgency class';
const R_COUNT = 'not a whole number ≥ 0';
const R_CONTACT_EARLY = 'first contact before received';
const R_CLOSED_EARLY = 'closed before received';
const R_VERIFIED_EARLY = 'verified before closed (treated as missing)';
const R_UNKNOWN_UNIT = 'unit not in the registry';
export const R_DUPLICATE = 'duplicate case_id';
const W_BOOLEAN = 'unreadable yes/no value (treated as missing)';
const W_SATISFACTION = 'unreadable satisfaction level (treated as missing)';

/** Whether a string's first character could be white space as trim() knows it (ASCII controls/space, NBSP, U+3000…). */
function firstMayBeSpace(s: string): boolean {
  const c = s.charCodeAt(0);
  return c <= 32 || c >= 0xa0;
}

/** `value` of a duplicate's ledger entry. */
export function duplicateValue(caseId: string, firstRow: number): string {
  return `${caseId} (first seen at row ${firstRow})`;
}

/**
 * Reading one byte range of a CSV case log (src/pipeline/split-cases.ts). readCases then validates the part's rows
 * as usual but does not apply the rejection threshold; it fills in what the caller needs to join the parts.
 */
export interface CasePart {
  window: CsvWindow;
  /** Only these (part-relative) rows are read into records, and reading stops after the last: a re-read. */
  onlyRows?: ReadonlySet<number>;
  /** Set once the part is open: encoding detection's state so far (null when forced), readable after an error too. */
  verdict?: () => EncodingVerdict | null;
  /** Set when the part has been read. */
  result?: {
    tally: FileTally;
    ids: CaseIdSet;
    /** The table's part information (records read, clean end). */
    table: NonNullable<TableReader['part']>;
    sha256: string;
    /** Each duplicate's id and first row, in the order of their ledger entries. */
    duplicates: { caseId: string; firstRow: number }[];
  };
}

export async function* readCases(spec: InputSpec, ctx: ReadContext, part?: CasePart): AsyncGenerator<CaseRecord[]> {
  const tally = new FileTally(ctx.ledger, spec.path, 'cases');
  const table = await openInput(spec, 'cases', { window: part?.window, ctx });
  if (part) part.verdict = () => table.part?.verdict() ?? null;
  const onlyRows = part?.onlyRows ?? null;
  let lastWanted = 0;
  if (onlyRows) for (const r of onlyRows) lastWanted = Math.max(lastWanted, r);
  const duplicates: { caseId: string; firstRow: number }[] = [];
  const plan = await planOrClose(table, () => planColumns('cases', table.header, spec.mapping, spec.path));
  const F = plan.fields;
  ctx.onCaseColumns?.(new Set(Object.values(F).filter((f) => f.present).map((f) => f.spec.id)));
  const label = (s: FieldSource) => fieldLabel(s.column, s.spec.id);
  const { fromDay, toDay, asOf } = periodBounds(ctx.period);
  const registry = ctx.registry;
  const width = table.header.length;
  const ids = new CaseIdSet();

  // Per-file constants hoisted out of the row loop.
  const fCaseId = F.case_id;
  const fUnit = F.unit;
  const fReceived = F.received_at;
  const fUrgency = F.urgency;
  const fContact = F.first_contact_at;
  const fClosed = F.closed_at;
  const fVerified = F.verified_at;
  const fDeadline = F.deadline_at;
  const fResolved = F.resolved;
  const fSatisfaction = F.satisfaction;
  const fReturned = F.returned_count;
  const fRepeat = F.repeat;
  const fCategory = F.category;
  const fDepartment = F.department;
  const fChannel = F.channel;
  const fGrid = F.grid;
  const fCaller = F.caller;
  const fAddress = F.address;
  const fParent = F.parent_case_id;
  const fExclusion = F.exclusion;
  const detection = ctx.detection ?? null;
  if (detection) {
    for (const { field, path } of detection.fields) {
      if (F[field]?.present) continue;
      await table.close();
      throw new ConfigError(
        `names the case-log field "${field}", which ${spec.path} does not give (no column ${[field, ...(F[field]?.spec.aliases ?? [])].join(' / ')}); its columns are: ${table.header.filter((h) => h !== '').join(', ')}`,
        { path },
        'name the column in the column mapping (--map), or leave the field out of the repeats keys',
      );
    }
  }
  const detecting = detection !== null;

  /** A date-time field: null when empty; undefined (after recording the problem) when unreadable. */
  const dateOf = (src: FieldSource, cells: CellValue[], row: number, required: boolean): number | null | undefined => {
    const raw = src.get(cells);
    // (The first character decides most cells without trim(), which would copy every date.)
    if (raw === null || (typeof raw === 'string' && (raw.length === 0 || (firstMayBeSpace(raw) && raw.trim() === '')))) {
      if (required) tally.problem(row, label(src), null, R_MISSING, 'error');
      return null;
    }
    const t = parseDateTime(raw, src.format);
    if (t === null) {
      tally.problem(row, label(src), raw, R_DATETIME, 'error');
      return undefined;
    }
    return t;
  };

  let out: CaseRecord[] = [];
  let stop = false;
  /** One data row through the general path: every rule above, each problem into the ledger. */
  const processRow = (row: number, cells: CellValue[]): void => {
    if (onlyRows !== null) {
      if (row > lastWanted) {
        stop = true;
        return;
      }
      if (!onlyRows.has(row)) return;
    }
    if (tally.beginRowRejectingRagged(row, cells, width)) return;

    const caseId = parseText(fCaseId.get(cells));
    if (caseId === null) tally.problem(row, label(fCaseId), null, R_MISSING, 'error');
    const unit = parseText(fUnit.get(cells));
    if (unit === null) tally.problem(row, label(fUnit), null, R_MISSING, 'error');
    else if (registry !== null && !registry.has(unit)) tally.problem(row, label(fUnit), unit, R_UNKNOWN_UNIT, 'error');
    const receivedAt = dateOf(fReceived, cells, row, true);
    const urgencyRaw = fUrgency.get(cells);
    const urgency = parseUrgency(urgencyRaw);
    if (urgency === null) tally.problem(row, label(fUrgency), null, R_MISSING, 'error');
    else if (urgency === INVALID) tally.problem(row, label(fUrgency), urgencyRaw, R_URGENCY, 'error');

    const firstContactAt = dateOf(fContact, cells, row, false);
    const closedAt = dateOf(fClosed, cells, row, false);
    let verifiedAt = dateOf(fVerified, cells, row, false);
    let deadlineAt = dateOf(fDeadline, cells, row, false);
    // deadline_at is inclusive: a date alone means the end of that day (design §4), so closing on it is on time.
    if (typeof deadlineAt === 'number' && deadlineAt % DAY_MS === 0 && !statesTimeOfDay(fDeadline.get(cells), fDeadline.format)) {
      deadlineAt += DAY_MS - 1;
    }

    if (typeof receivedAt === 'number') {
      if (typeof firstContactAt === 'number' && firstContactAt < receivedAt) {
        tally.problem(row, label(fContact), fContact.get(cells), R_CONTACT_EARLY, 'error');
      }
      if (typeof closedAt === 'number' && closedAt < receivedAt) {
        tally.problem(row, label(fClosed), fClosed.get(cells), R_CLOSED_EARLY, 'error');
      }
    }

    const returnedRaw = fReturned.get(cells);
    const returned = parseCount(returnedRaw);
    if (returned === INVALID) tally.problem(row, label(fReturned), returnedRaw, R_COUNT, 'error');

    if (tally.rejected) {
      tally.endRow();
      return;
    }

    if (typeof verifiedAt === 'number' && typeof closedAt === 'number' && verifiedAt < closedAt) {
      tally.problem(row, label(fVerified), fVerified.get(cells), R_VERIFIED_EARLY, 'warning');
      verifiedAt = null;
    }
    const resolvedRaw = fResolved.get(cells);
    let resolved = parseBoolean(resolvedRaw);
    if (resolved === INVALID) {
      tally.problem(row, label(fResolved), resolvedRaw, W_BOOLEAN, 'warning');
      resolved = null;
    }
    const repeatRaw = fRepeat.get(cells);
    let repeat = parseBoolean(repeatRaw);
    if (repeat === INVALID) {
      tally.problem(row, label(fRepeat), repeatRaw, W_BOOLEAN, 'warning');
      repeat = null;
    }
    const satisfactionRaw = fSatisfaction.get(cells);
    let satisfaction = parseSatisfaction(satisfactionRaw);
    if (satisfaction === INVALID) {
      tally.problem(row, label(fSatisfaction), satisfactionRaw, W_SATISFACTION, 'warning');
      satisfaction = null;
    }

    const recordOf = (row: number, cells: CellValue[], caseId: string, unit: string, receivedAt: number): CaseRecord => ({
      row,
      // Detection keeps the id: a copy, so that it does not keep the chunk of text it was cut from alive.
      caseId: detecting ? detached(caseId) : caseId,
      unit,
      receivedAt,
      urgency: urgency as Urgency,
      firstContactAt: firstContactAt ?? null,
      closedAt: closedAt ?? null,
      verifiedAt: verifiedAt ?? null,
      deadlineAt: deadlineAt ?? null,
      resolved,
      satisfaction: satisfaction as SatisfactionLevel | null,
      returnedCount: (returned as number | null) ?? 0,
      repeat: repeat ?? false,
      category: parseText(fCategory.get(cells)),
      department: parseText(fDepartment.get(cells)),
      channel: parseText(fChannel.get(cells)),
      grid: parseText(fGrid.get(cells)),
      ...(detecting ? { caller: normaliseCaller(parseText(fCaller.get(cells))), address: normaliseAddress(parseText(fAddress.get(cells))) } : {}),
      ...(fParent.present ? { parentCaseId: parseText(fParent.get(cells)) } : {}),
      ...(fExclusion.present ? { exclusion: parseText(fExclusion.get(cells)) } : {}),
    });
    const day = dayOf(receivedAt as number);
    if (day < fromDay || day > toDay) {
      tally.endRow(true);
      // Before the period: a possible predecessor or parent for repeat detection (design §4.1), never counted.
      if (day < fromDay && detection) out.push({ ...recordOf(row, cells, caseId as string, unit as string, receivedAt as number), beforePeriod: true });
      return;
    }
    if ((receivedAt as number) > asOf) {
      tally.endRowAfterCutoff();
      return;
    }
    const firstRow = ids.add(caseId as string, row);
    if (firstRow !== 0) {
      tally.problem(row, label(fCaseId), duplicateValue(caseId as string, firstRow), R_DUPLICATE, 'error');
      // (A copy: the id is cut from a 64 KiB chunk of text, which it would otherwise keep alive.)
      if (part) duplicates.push({ caseId: detached(caseId as string), firstRow });
      tally.endRow();
      return;
    }
    tally.endRow();
    out.push(recordOf(row, cells, caseId as string, unit as string, receivedAt as number));
  };

  // UTF-8 CSV lines in the common forms skip the cell strings entirely (fast-case-line.ts); every other line takes
  // processRow. (Not for a re-read of chosen rows, which is rare and short.)
  const fast =
    table.attach && table.encoding === 'utf8' && onlyRows === null && ctx.fastLines !== false ? FastCaseLines.for(plan, width, registry, detecting) : null;
  const fastRecord = (buf: Buffer, row: number): CaseRecord => {
    const f = fast!;
    return {
      row,
      caseId: buf.toString('latin1', f.idStart, f.idEnd),
      unit: f.unit,
      receivedAt: f.receivedAt,
      urgency: f.urgency,
      firstContactAt: f.firstContactAt,
      closedAt: f.closedAt,
      verifiedAt: f.verifiedAt,
      deadlineAt: f.deadlineAt,
      resolved: f.resolved,
      satisfaction: f.satisfaction,
      returnedCount: f.returnedCount,
      repeat: f.repeat,
      category: f.category,
      department: f.department,
      channel: f.channel,
      grid: f.grid,
      ...(detecting ? { caller: f.caller, address: f.address } : {}),
      ...(fParent.present ? { parentCaseId: f.parentCaseId } : {}),
      ...(fExclusion.present ? { exclusion: f.exclusion } : {}),
    };
  };
  const fastLine = (buf: Buffer, s: number, e: number, row: number): number => {
    const status = fast!.read(buf, s, e);
    if (status !== FAST_OK) return status;
    tally.beginRow();
    const day = dayOf(fast!.receivedAt);
    if (day < fromDay || day > toDay) {
      tally.endRow(true);
      if (day < fromDay && detection) out.push({ ...fastRecord(buf, row), beforePeriod: true });
      return FAST_OK;
    }
    if (fast!.receivedAt > asOf) {
      tally.endRowAfterCutoff();
      return FAST_OK;
    }
    const firstRow = ids.addAscii(buf, fast!.idStart, fast!.idEnd, row);
    if (firstRow !== 0) {
      const caseId = buf.toString('latin1', fast!.idStart, fast!.idEnd);
      tally.problem(row, label(fCaseId), duplicateValue(caseId, firstRow), R_DUPLICATE, 'error');
      if (part) duplicates.push({ caseId, firstRow });
      tally.endRow();
      return FAST_OK;
    }
    tally.endRow();
    out.push(fastRecord(buf, row));
    return FAST_OK;
  };
  // A CSV hands its rows over as it reads them (in order, so duplicates are judged in file order); a workbook
  // hands them over in batches.
  table.attach?.({ row: processRow, line: fast ? fastLine : undefined });
  for await (const batch of table.batches) {
    for (let b = 0; b < batch.length && !stop; b++) processRow(batch[b].row, batch[b].cells);
    if (out.length >= BATCH) {
      yield out;
      out = [];
    }
    if (stop) break;
  }
  if (out.length) yield out;
  if (stop) await table.close();
  if (part) {
    part.result = { tally, ids, table: table.part!, sha256: stop ? '' : await table.sha256(), duplicates };
    return;
  }
  tally.finish(ctx.maxRejectShare, await table.sha256());
}
