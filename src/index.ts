// The library: `import { readBytes, check } from 'xxgk'`. The same functions the command runs,
// re-exported from their layers (nothing is defined here), so a script or the server takes the
// one road from bytes to a checked report.
export { MAX_BYTES, MAX_TEXT_BYTES, readBytes, readText, type ReadOptions, type ReadOutcome } from './engine.ts';
export { runBatch, type BatchOptions, type BatchResult, type BatchTask } from './batch/index.ts';
export { DEFAULT_LIMITS, type Limits } from './read/pool.ts';
export { check } from './check/index.ts';
export { RULES, type CheckOptions } from './check/index.ts';
export { DOCUMENT_FORMATS, FORMATS, renderReport as render, writeReports, type DocumentFormat, type Format } from './write/index.ts';
export type { WriteOptions } from './write/grid.ts';
export { sumReports as sum, type SumFinding, type SumInput, type SumOptions, type SumRefusal, type SumResult } from './sum/index.ts';
export { reportJsonSchema, reportSchema } from './model/schema.ts';
export { MODEL_ID, type Cell, type Diagnostic, type Meta, type Region, type Report, type Row, type Section, type Severity } from './model/report.ts';
export type { CellOrigin, CellStatus, ReadReport, SourceMap } from './map/source.ts';
