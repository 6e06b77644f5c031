// Reports as a table: agency, year, status, errors and warnings; each row opens its report.
import { Alert, Table, Tag } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { Link } from 'react-router';
import type { ReportSummary, Search } from '../api.ts';
import { atMatch, Marked } from './Marked.tsx';
import { STATUS_COLOR } from '../labels.ts';
import { useSession } from '../session.tsx';

export function ReportTable(props: { items: ReportSummary[] | null; error?: string | null; empty?: string; compact?: boolean; selected?: number[]; onSelect?: (ids: number[]) => void; extra?: ColumnsType<ReportSummary>; search?: Search }) {
  const { session } = useSession();
  if (props.error) return <Alert type="error" showIcon message={props.error} />;
  const columns: ColumnsType<ReportSummary> = [
    { title: '编号', dataIndex: 'id', width: 80 },
    // A search's result opens at its match: the words marked where they are, the condition's cell selected.
    { title: '机关', dataIndex: 'agency', render: (v: string | null, r) => <Link to={atMatch(r.id, props.search, r.match?.in)}>{v ?? '（未识别机关）'}</Link> },
    { title: '年度', dataIndex: 'year', width: 80, render: (v: number | null) => v ?? '—' },
    ...(props.compact ? [] : [{ title: '模板', dataIndex: 'template', width: 90, render: (v: string) => `${v} 版` }]),
    { title: '状态', dataIndex: 'status', width: 100, render: (v: ReportSummary['status']) => <Tag color={STATUS_COLOR[v]}>{session?.statuses[v] ?? v}</Tag> },
    { title: '错误', dataIndex: 'errors', width: 70, render: (v: number) => (v ? <Tag color="red">{v}</Tag> : 0) },
    { title: '警告', dataIndex: 'warnings', width: 70, render: (v: number) => (v ? <Tag color="orange">{v}</Tag> : 0) },
    ...(props.compact ? [] : [{ title: '更新时间', dataIndex: 'updatedAt', width: 170, render: (v: string) => new Date(v).toLocaleString('zh-CN') }]),
    ...(props.extra ?? []),
    ...(props.items?.some((i) => i.match) ? [{ title: '匹配', dataIndex: 'match', render: (m: ReportSummary['match']) => (m ? <Marked text={m.snippet} words={props.search?.words ?? []} /> : '') }] : []),
  ];
  return (
    <Table<ReportSummary>
      rowKey="id"
      size={props.compact ? 'small' : 'middle'}
      columns={columns}
      dataSource={props.items ?? []}
      loading={props.items === null}
      pagination={false}
      locale={{ emptyText: props.empty ?? '没有报告' }}
      scroll={{ x: 'max-content' }}
      rowSelection={props.onSelect ? { selectedRowKeys: props.selected, onChange: (keys) => props.onSelect!(keys.map(Number)) } : undefined}
    />
  );
}
