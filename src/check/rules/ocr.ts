import type { Rule } from '../rule.ts';

export default {
  meta: { id: 'ocr', severity: 'info', description: '数值由 OCR 从扫描件识别，给出最低识别置信度' },
  check(ctx) {
    const d = ctx.source.document;
    if (d.format !== 'ocr' && d.ocrConfidence === undefined) return [];
    const conf = d.ocrConfidence;
    return [{ path: 'applications', line: null, message: `表格数字由 OCR 识别${conf !== undefined ? `，最低置信度 ${Math.round(conf)}%` : ''}，请对照原件核对` }];
  },
  examples: {
    ok: [{ name: 'a text report' }],
    notOk: [{ name: 'a report read by OCR', errors: [{ message: '表格数字由 OCR 识别，最低置信度 62%，请对照原件核对', line: null }], patchSource: (s) => ((s.document.format = 'ocr'), (s.document.ocrConfidence = 62)), path: 'applications' }],
  },
} satisfies Rule;
