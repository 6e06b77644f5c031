// 国办公开办函〔2019〕60号 (试行): the format for reports on 2019 and 2020.
import { applicationsTable, flagged, L, OTHER_HANDLING_LABEL, REVIEWS_TABLE, ROW_HEADER, SECTIONS } from './common.ts';
import { identitiesOf } from './identities.ts';
import type { ActiveTableDef, ColumnDef, Template } from './types.ts';

const lastYear: ColumnDef = { key: 'lastYear', label: L('上一年项目数量') };
const change: ColumnDef = { key: 'change', label: L('本年增/减', '本年增减'), signed: true };
const decisions: ColumnDef = { key: 'decisions', label: L('处理决定数量', '本年处理决定数量') };

const active: ActiveTableDef[] = [
  {
    kind: 'active', id: 'item1', heading: L('第二十条第（一）项'), rowHeader: ROW_HEADER,
    columns: [
      { key: 'made', label: L('本年新制作数量') },
      { key: 'published', label: L('本年新公开数量') },
      { key: 'totalPublic', label: L('对外公开总数量') },
    ],
    rows: [
      { key: 'regulations', label: L('规章') },
      { key: 'normativeDocuments', label: flagged(L('规范性文件', '规范性档案'), '行政规范性文件') },
    ],
  },
  {
    kind: 'active', id: 'item5', heading: L('第二十条第（五）项'), rowHeader: ROW_HEADER,
    columns: [lastYear, change, decisions],
    rows: [{ key: 'licensing', label: L('行政许可') }, { key: 'otherServices', label: L('其他对外管理服务事项') }],
  },
  {
    kind: 'active', id: 'item6', heading: L('第二十条第（六）项'), rowHeader: ROW_HEADER,
    columns: [lastYear, change, decisions],
    rows: [{ key: 'punishment', label: L('行政处罚') }, { key: 'coercion', label: L('行政强制') }],
  },
  {
    kind: 'active', id: 'item8', heading: L('第二十条第（八）项'), rowHeader: ROW_HEADER,
    columns: [lastYear, change],
    rows: [{ key: 'fees', label: L('行政事业性收费') }],
  },
  {
    kind: 'active', id: 'item9', heading: L('第二十条第（九）项'), rowHeader: ROW_HEADER,
    columns: [
      { key: 'projects', label: L('采购项目数量') },
      { key: 'amount', label: L('采购总金额'), unit: '万元', unitUnstated: true },
    ],
    rows: [{ key: 'procurement', label: L('政府集中采购') }],
  },
];

// In 2019 （六）其他处理 is one row with no sub-rows.
const applications = applicationsTable({ key: 'otherHandling', label: OTHER_HANDLING_LABEL });

export const TEMPLATE_2019: Template = {
  version: '2019',
  source: '国办公开办函〔2019〕60号',
  sections: SECTIONS,
  active,
  applications,
  reviews: REVIEWS_TABLE,
  identities: identitiesOf(applications, REVIEWS_TABLE),
};
