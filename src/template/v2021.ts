// 国办公开办函〔2021〕30号: the format for reports on 2021 and later years.
import { applicationsTable, flagged, L, OTHER_HANDLING_LABEL, OTHER_HANDLING_ROWS, REVIEWS_TABLE, ROW_HEADER, SECTIONS } from './common.ts';
import { identitiesOf } from './identities.ts';
import type { ActiveTableDef, Template } from './types.ts';

const decisions = { key: 'decisions', label: L('本年处理决定数量') };

const active: ActiveTableDef[] = [
  {
    kind: 'active', id: 'item1', heading: L('第二十条第（一）项'), rowHeader: ROW_HEADER,
    columns: [
      { key: 'issued', label: L('本年制发件数') },
      { key: 'repealed', label: L('本年废止件数') },
      { key: 'inForce', label: L('现行有效件数') },
    ],
    rows: [
      { key: 'regulations', label: L('规章') },
      { key: 'normativeDocuments', label: flagged(L('行政规范性文件'), '规范性文件', '规范性档案') },
    ],
  },
  {
    kind: 'active', id: 'item5', heading: L('第二十条第（五）项'), rowHeader: ROW_HEADER,
    columns: [decisions],
    rows: [{ key: 'licensing', label: L('行政许可') }],
  },
  {
    kind: 'active', id: 'item6', heading: L('第二十条第（六）项'), rowHeader: ROW_HEADER,
    columns: [decisions],
    rows: [{ key: 'punishment', label: L('行政处罚') }, { key: 'coercion', label: L('行政强制') }],
  },
  {
    kind: 'active', id: 'item8', heading: L('第二十条第（八）项'), rowHeader: ROW_HEADER,
    columns: [{ key: 'amount', label: L('本年收费金额（单位：万元）', '本年收费金额'), unit: '万元' }],
    rows: [{ key: 'fees', label: L('行政事业性收费') }],
  },
];

const applications = applicationsTable({ key: 'otherHandling', label: OTHER_HANDLING_LABEL, rows: OTHER_HANDLING_ROWS });

export const TEMPLATE_2021: Template = {
  version: '2021',
  source: '国办公开办函〔2021〕30号',
  sections: SECTIONS,
  active,
  applications,
  reviews: REVIEWS_TABLE,
  identities: identitiesOf(applications, REVIEWS_TABLE),
};
