/**
 * The input side of govscore: read CSV/XLSX exports, map their columns, validate every row into the ledger and
 * hand the accepted rows to the metrics in canonical form (src/types.ts). One concept per file:
 *
 * | file            | concept                                                    |
 * |-----------------|------------------------------------------------------------|
 * | read-table.ts   | open any table: file checks, format by content, headers    |
 * | csv-reader.ts   | streamed CSV, decoded and hashed in the same pass          |
 * | csv-tokenizer.ts| RFC 4180 records from text chunks (what csv-parse yields)  |
 * | fast-case-line.ts| case-log lines read from their UTF-8 bytes (common forms) |
 * | xlsx-reader.ts  | streamed XLSX sheet (exceljs)                              |
 * | encoding.ts     | UTF-8 / GBK / GB18030 detection and transcoding            |
 * | datetime.ts     | date-time cells → wall time; per-column formats            |
 * | values.ts       | urgency, booleans, satisfaction, counts, answers, ratings  |
 * | input-fields.ts | canonical fields and their aliases                         |
 * | mapping-schema.ts | the mapping file's shape                                 |
 * | mapping.ts      | mapping file checks, column plan                           |
 * | read-cases.ts   | case-log validation (streaming batches)                    |
 * | read-survey.ts, read-ratings.ts, read-units.ts | the other inputs              |
 * | case-id-set.ts  | compact duplicate detection for millions of ids            |
 * | file-tally.ts   | per-file ledger counts and the rejection threshold         |
 */
export type { InputSpec, ReadContext } from './input.js';
export { readCases } from './read-cases.js';
export { readSurvey } from './read-survey.js';
export { readRatings } from './read-ratings.js';
export { readUnits } from './read-units.js';
export { openTable, type OpenTableOptions, type TableReader, type TableRow } from './read-table.js';
export { loadMappingFile, parseMappingFile, planColumns } from './mapping.js';
export { FIELDS } from './input-fields.js';
export type { MappingFile, TableMapping } from './mapping-schema.js';
export { parseDateTime, compileDateFormat, type CellValue } from './datetime.js';
