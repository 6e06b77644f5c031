// STUB: the official layout as DOCX. The helper who owns this module replaces the body.
import type { Report } from '../model/report.ts';
import type { WriteOptions } from './grid.ts';

export async function toDocx(report: Report, opts: WriteOptions = {}): Promise<Uint8Array> {
  void report;
  void opts;
  throw new Error('DOCX 输出尚未实现');
}
