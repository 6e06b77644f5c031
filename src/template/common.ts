// Parts of the format that the 2019 and 2021 versions share: the six sections,
// the section 三 table (but for its （六）其他处理 row) and the section 四 table.
import type { ApplicationsTableDef, ColumnDef, Label, ReviewsTableDef, RowDef, RowGroupDef, SectionDef } from './types.ts';

/** A label with silent variants (same words, other spelling). */
export const L = (official: string, ...silent: string[]): Label =>
  silent.length ? { official, variants: silent.map((text) => ({ text, flag: false })) } : { official };

/** Adds variants whose words differ from the official ones; the `row-label` check reports them. */
export const flagged = (label: Label, ...texts: string[]): Label => ({
  ...label,
  variants: [...(label.variants ?? []), ...texts.map((text) => ({ text, flag: true }))],
});

export const SECTIONS: SectionDef[] = [
  {
    no: 1, numeral: '一', title: L('总体情况'), keywords: [['总体情况'], ['总体', '概述']],
    subsections: [L('主动公开'), L('依申请公开'), L('政府信息管理'), L('政府信息公开平台建设'), L('监督保障')],
  },
  { no: 2, numeral: '二', title: L('主动公开政府信息情况'), keywords: [['主动公开政府信息'], ['主动公开', '情况']] },
  {
    no: 3, numeral: '三', title: L('收到和处理政府信息公开申请情况'),
    keywords: [['收到和处理'], ['处理政府信息公开申请'], ['依申请公开', '情况']],
  },
  {
    no: 4, numeral: '四', title: L('政府信息公开行政复议、行政诉讼情况', '政府信息公开行政复议和行政诉讼情况', '政府信息公开行政复议及行政诉讼情况', '因政府信息公开工作被申请行政复议、提起行政诉讼情况'),
    keywords: [['行政复议', '行政诉讼'], ['复议', '诉讼']],
  },
  {
    no: 5, numeral: '五', title: L('存在的主要问题及改进情况', '政府信息公开工作存在的主要问题及改进情况', '存在的主要问题和改进情况'),
    keywords: [['存在', '问题'], ['问题', '改进']],
  },
  { no: 6, numeral: '六', title: L('其他需要报告的事项'), keywords: [['其他需要报告'], ['其他', '报告的事项'], ['其他', '需要报告']] },
];

/** The seven applicant columns of section 三. */
export const APPLICANT_COLUMNS: ColumnDef[] = [
  { key: 'naturalPerson', label: L('自然人') },
  { key: 'commercialEnterprise', label: L('商业企业'), group: L('法人或其他组织') },
  { key: 'researchInstitution', label: L('科研机构'), group: L('法人或其他组织') },
  { key: 'socialWelfareOrg', label: L('社会公益组织'), group: L('法人或其他组织') },
  { key: 'legalServiceOrg', label: L('法律服务机构'), group: L('法人或其他组织') },
  { key: 'otherOrg', label: L('其他'), group: L('法人或其他组织') },
  { key: 'total', label: L('总计', '合计') },
];

const row = (key: string, label: Label): RowDef => ({ key, label });
const group = (key: string, label: Label, rows: RowDef[]): RowGroupDef => ({ key, label, rows });

export const OTHER_HANDLING_ROWS: RowDef[] = [
  row('noCorrection', L('1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请')),
  row('feeUnpaid', L('2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请')),
  row('other', L('3.其他')),
];

export const OTHER_HANDLING_LABEL = L('（六）其他处理');

/** Section 三's table; `otherHandling` is a group (2021) or a single row (2019). */
export function applicationsTable(otherHandling: RowDef | RowGroupDef): ApplicationsTableDef {
  return {
    kind: 'applications',
    id: 'applications',
    corner: L('（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）', '（本列数据的勾稽关系为：第一项加第二项之和，等于第三加第四项之和）'),
    headerLabels: [L('申请人情况'), L('法人或其他组织')],
    columns: APPLICANT_COLUMNS,
    extraColumns: [L('小计')],
    outcomeHeader: L('三、本年度办理结果'),
    rows: [
      row('received', L('一、本年新收政府信息公开申请数量')),
      row('carriedOver', L('二、上年结转政府信息公开申请数量')),
      row('granted', L('（一）予以公开')),
      row('partlyGranted', L('（二）部分公开（区分处理的，只计这一情形，不计其他情形）', '（二）部分公开')),
      group('denied', L('（三）不予公开'), [
        row('stateSecret', L('1.属于国家秘密')),
        row('prohibitedByLaw', L('2.其他法律行政法规禁止公开')),
        row('securityStability', L('3.危及“三安全一稳定”')),
        row('thirdPartyRights', L('4.保护第三方合法权益')),
        row('internalAffairs', L('5.属于三类内部事务信息')),
        row('processInformation', L('6.属于四类过程性信息')),
        row('enforcementFiles', L('7.属于行政执法案卷')),
        row('administrativeQuery', L('8.属于行政查询事项')),
      ]),
      group('unavailable', L('（四）无法提供'), [
        row('notHeld', L('1.本机关不掌握相关政府信息')),
        row('needsCreation', L('2.没有现成信息需要另行制作')),
        row('unclearAfterCorrection', L('3.补正后申请内容仍不明确')),
      ]),
      group('notProcessed', L('（五）不予处理'), [
        row('complaint', L('1.信访举报投诉类申请')),
        row('duplicate', L('2.重复申请')),
        row('publication', L('3.要求提供公开出版物')),
        row('massRepeated', L('4.无正当理由大量反复申请')),
        row('confirmation', L('5.要求行政机关确认或重新出具已获取信息')),
      ]),
      otherHandling,
      row('total', L('（七）总计')),
      row('carriedForward', L('四、结转下年度继续办理')),
    ],
  };
}

export const REVIEWS_TABLE: ReviewsTableDef = {
  kind: 'reviews',
  id: 'reviews',
  groups: [
    { key: 'reconsideration', label: L('行政复议') },
    { key: 'litigationDirect', label: L('未经复议直接起诉'), parent: L('行政诉讼') },
    { key: 'litigationAfterReconsideration', label: L('复议后起诉'), parent: L('行政诉讼') },
  ],
  columns: [
    { key: 'upheld', label: L('结果维持') },
    { key: 'corrected', label: L('结果纠正') },
    { key: 'other', label: L('其他结果') },
    { key: 'pending', label: L('尚未审结') },
    { key: 'total', label: L('总计') },
  ],
};

export const ROW_HEADER = L('信息内容');
