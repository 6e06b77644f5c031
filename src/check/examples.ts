// The clean example report the rules' examples edit: a complete, valid 2024 report whose numbers
// satisfy every identity, written in the tab-rows layout (as Word's text export writes it).
import { blankReport } from '../model/blank.ts';
import { setCell } from '../model/paths.ts';
import type { Report } from '../model/report.ts';
import { applicationRowPaths, templateFor } from '../template/index.ts';
import { toText } from '../write/text.ts';

const COLUMNS = ['naturalPerson', 'commercialEnterprise', 'researchInstitution', 'socialWelfareOrg', 'legalServiceOrg', 'otherOrg'];

/** Rows of section 三 by model path: the six applicant columns (总计 is their sum). */
const APPLICATIONS: Record<string, number[]> = {
  received: [10, 3, 0, 1, 1, 0],
  carriedOver: [2, 0, 0, 0, 0, 0],
  granted: [5, 2, 0, 0, 1, 0],
  partlyGranted: [1, 0, 0, 0, 0, 0],
  'denied.stateSecret': [1, 0, 0, 0, 0, 0],
  'unavailable.notHeld': [2, 1, 0, 1, 0, 0],
  'notProcessed.complaint': [1, 0, 0, 0, 0, 0],
  'otherHandling.noCorrection': [1, 0, 0, 0, 0, 0],
  total: [11, 3, 0, 1, 1, 0],
  carriedForward: [1, 0, 0, 0, 0, 0],
};

export function cleanModel(year = 2024, carriedOver = APPLICATIONS.carriedOver, carriedForward = APPLICATIONS.carriedForward): Report {
  const r = blankReport('2021');
  for (const path of applicationRowPaths(templateFor('2021').applications)) {
    const base = path === 'carriedOver' ? carriedOver : path === 'carriedForward' ? carriedForward : (APPLICATIONS[path] ?? [0, 0, 0, 0, 0, 0]);
    // Keep the balance when the carried-over rows change: new applications make up the difference.
    const row = path === 'received' ? base.map((v, i) => v + (APPLICATIONS.carriedOver[i] - carriedOver[i]) + (carriedForward[i] - APPLICATIONS.carriedForward[i])) : base;
    COLUMNS.forEach((c, i) => setCell(r, `applications.${path}.${c}`, row[i]));
    setCell(r, `applications.${path}.total`, row.reduce((a, b) => a + b, 0));
  }
  const active: Record<string, number> = {
    'regulations.issued': 1, 'regulations.repealed': 0, 'regulations.inForce': 3,
    'normativeDocuments.issued': 4, 'normativeDocuments.repealed': 1, 'normativeDocuments.inForce': 12,
    'licensing.decisions': 120, 'punishment.decisions': 35, 'coercion.decisions': 2, 'fees.amount': 1.5,
  };
  for (const [p, v] of Object.entries(active)) setCell(r, `active.${p}`, v);
  const reviews: Record<string, number[]> = { reconsideration: [1, 0, 0, 1, 2], litigationDirect: [0, 0, 0, 1, 1], litigationAfterReconsideration: [0, 0, 0, 0, 0] };
  for (const [g, v] of Object.entries(reviews)) ['upheld', 'corrected', 'other', 'pending', 'total'].forEach((c, i) => setCell(r, `reviews.${g}.${c}`, v[i]));
  const received = (r.applications.received as Record<string, number>).total;
  r.meta = { title: `${year}年度广水市科技经信局政府信息公开工作年度报告`, agency: '广水市科技经信局', year, region: null, reviewer: null };
  r.sections = [
    { no: 1, heading: '一、总体情况', text: `（一）主动公开。${year}年主动公开政府信息120条。\n（二）依申请公开。${year}年共收到政府信息公开申请${received}件，均按时答复。\n（三）政府信息管理。严格信息发布审核。\n（四）政府信息公开平台建设。及时更新门户网站。\n（五）监督保障。把政务公开纳入年度考核。` },
    { no: 2, heading: '二、主动公开政府信息情况', text: '' },
    { no: 3, heading: '三、收到和处理政府信息公开申请情况', text: '' },
    { no: 4, heading: '四、政府信息公开行政复议、行政诉讼情况', text: `${year}年发生政府信息公开行政复议2件、行政诉讼1件。` },
    { no: 5, heading: '五、存在的主要问题及改进情况', text: '主动公开的深度还不够。下一步将加强培训。上年度问题已整改。' },
    { no: 6, heading: '六、其他需要报告的事项', text: `${year}年度未收取政府信息公开信息处理费。` },
  ];
  return r;
}

/** The clean example report, as text. */
export const CLEAN_REPORT = toText(cleanModel(), 'tab-rows');
/** The same agency's report on 2023, whose 结转下年度 is 2024's 上年结转. */
export const CLEAN_REPORT_2023 = toText(cleanModel(2023, [0, 0, 0, 0, 0, 0], [2, 0, 0, 0, 0, 0]), 'tab-rows');

/** The clean report with section 三 printed without its 总计 column (as seed 001 is). */
export const withoutTotalColumn = (text: string): string =>
  text.replace('自然人\t法人或其他组织\t总计', '自然人\t法人或其他组织').replace(/^((?:[一二三四（]|\d\.)[^\n]*?)((?:\t\d+){6})\t\d+$/gm, '$1$2');
