// Words the pages print for the API's codes that the API does not name itself.
import type { Diagnostic, Template } from './api.ts';

export const SEVERITY_ZH: Record<Diagnostic['severity'], string> = { error: '错误', warning: '警告', info: '提示' };
// Tags are solid in colours dark enough for white text (WCAG AA, 4.5:1 and more): the light
// preset tags (orange, green on a tint) fall below it.
export const SEVERITY_COLOR: Record<Diagnostic['severity'], string> = { error: '#a8071a', warning: '#ad4e00', info: '#0958d9' };
export const STATUS_COLOR: Record<string, string> = { draft: '#595959', submitted: '#0958d9', returned: '#a8071a', approved: '#237804', published: '#531dab' };
export const JOB_ZH = { queued: '排队中', reading: '读取中', stored: '已入库', failed: '失败' } as const;
export const JOB_COLOR = { queued: 'default', reading: 'processing', stored: 'success', failed: 'error' } as const;
/** The action that moves a report to a status, as its button says. */
export const ACTION_ZH: Record<string, string> = { submitted: '提交审核', returned: '退回', approved: '审核通过', published: '发布' };
export const FORMATS = [
  ['docx', 'Word（DOCX）'],
  ['pdf', 'PDF'],
  ['html', '网页（HTML）'],
  ['md', 'Markdown'],
  ['csv', 'CSV'],
  ['json', 'JSON'],
] as const;

/** A section's heading as the format prints it (`三、收到和处理政府信息公开申请情况`); `附表` for a table outside the six. */
export function sectionHeading(t: Template, no: number | null): string {
  const s = t.sections.find((x) => x.no === no);
  return s ? `${s.numeral}、${s.title.official}` : '附表';
}
