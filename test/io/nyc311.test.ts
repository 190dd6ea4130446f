/**
 * The real New York City 311 export (../shared/realdata, see its README) read unchanged through the shipped
 * mapping samples/nyc311/map.yaml.
 *
 * Expected numbers, checked by hand against the file:
 * - 4,999 data rows: `wc -l` gives 5,000 lines, no field holds a line break (`awk -F, '{print NF}'` lines up with
 *   csv-parse's count), minus the header.
 * - Closed before created: with Python's csv module and strptime('%m/%d/%Y %I:%M:%S %p') on Created Date and
 *   Closed Date, exactly two rows have Closed < Created — lines 2 and 3 of the file
 *   (`sed -n 2,3p`: Unique Key 56923577 created 02/28/2023 11:45:00 PM closed 01/01/2023 01:00:00 AM, and
 *   56921224 created 02/28/2023 11:44:59 PM closed 02/01/2023 01:04:12 AM).
 * - Nothing else is rejected: every Unique Key is distinct (`cut -d, -f1 | sort | uniq -d` is empty), every row
 *   has a Community Board and a Created Date on 02/28/2023 (`cut -d, -f2 | cut -c1-10 | sort -u`), and urgency is
 *   derived with a default. So 4,997 are accepted and none is out of the period 2023-02-28.
 * - Due Date is given on 4,999 − 4,878 = 121 rows (Python: empty on 4,878).
 */
import { describe, expect, it } from 'vitest';
import { Ledger } from '../../src/ledger.js';
import { loadMappingFile, readCases } from '../../src/io/index.js';
import { parsePeriod } from '../../src/period.js';
import type { CaseRecord } from '../../src/types.js';
import { realDataFile } from '../helpers/real-data.js';

const found = realDataFile('nyc311-2023-02-28.csv');
if (!found) console.warn('skipping the NYC 311 test: ../shared/realdata/nyc311-2023-02-28.csv is absent (it lives outside the repository)');
const FILE = found ?? '';

describe.skipIf(!found)('NYC 311 export through samples/nyc311/map.yaml', async () => {
  // (A skipped describe still runs its body: read nothing then.)
  if (!found) return;
  const map = await loadMappingFile('samples/nyc311/map.yaml');
  const ledger = new Ledger();
  const got: CaseRecord[] = [];
  for await (const b of readCases({ path: FILE, mapping: map.cases ?? null }, { ledger, period: parsePeriod('2023-02-28..2023-02-28'), registry: null, maxRejectShare: 0.05 })) {
    got.push(...b);
  }
  const dq = ledger.toDataQuality();

  it('reads every row and accepts all but the two closed before they were created', () => {
    expect(dq.files[0]).toMatchObject({ rows: 4999, accepted: 4997, rejected: 2, out_of_period: 0 });
    expect(got.length).toBe(4997);
  });

  it('lists the two faulty rows in the ledger with their row numbers', () => {
    expect(dq.issues).toEqual([
      { file: FILE, row: 2, field: 'Closed Date (closed_at)', value: '01/01/2023 01:00:00 AM', reason: 'closed before received', severity: 'error' },
      { file: FILE, row: 3, field: 'Closed Date (closed_at)', value: '02/01/2023 01:04:12 AM', reason: 'closed before received', severity: 'error' },
    ]);
  });

  it('maps the columns: row 4 of the file, a pothole in Manhattan community board 12', () => {
    // sed -n 4p: 56926734,02/28/2023 11:44:53 PM,03/01/2023 10:50:00 PM,DOT,…,Street Condition,…,12 MANHATTAN,…,UNKNOWN
    expect(got[0]).toMatchObject({
      row: 4,
      caseId: '56926734',
      unit: '12 MANHATTAN',
      receivedAt: Date.UTC(2023, 1, 28, 23, 44, 53),
      closedAt: Date.UTC(2023, 2, 1, 22, 50),
      department: 'DOT',
      category: 'Street Condition',
      channel: 'UNKNOWN',
      urgency: 'general',
    });
    expect(got.filter((c) => c.deadlineAt !== null).length).toBe(121);
    expect(got.find((c) => c.category === 'HEAT/HOT WATER')?.urgency).toBe('urgent');
  });
});
