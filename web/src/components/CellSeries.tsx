// 逐年: the selected cell of an agency's report in each year stored (GET /series), each year a
// link to its report; a year whose 上年结转 does not meet the year before's 结转下年度 is marked.
import { Alert, Card, Table, Tag } from 'antd';
import { useEffect, useState } from 'react';
import { Link } from 'react-router';
import { api, messageOf } from '../api.ts';

interface Point {
  year: number | null;
  report: number;
  value: number | null;
}

export function CellSeries({ agency, path, label, current }: { agency: number; path: string; label: string; current: number }) {
  const [points, setPoints] = useState<Point[] | null>(null);
  const [breaks, setBreaks] = useState<Map<number, string>>(new Map());
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    setPoints(null);
    setError(null);
    api.get<{ points: Point[]; carryOver: { report: number; message: string }[] }>('/series', { agency, path }).then(
      (r) => {
        setPoints(r.points);
        setBreaks(new Map(r.carryOver.map((c) => [c.report, c.message])));
      },
      (e) => setError(messageOf(e)),
    );
  }, [agency, path]);
  return (
    <Card size="small" title={`逐年：${label}`} style={{ marginTop: 16 }} data-testid="cell-series">
      {error ? (
        <Alert type="error" showIcon message={error} />
      ) : (
        <Table<Point>
          rowKey="report"
          size="small"
          loading={points === null}
          dataSource={points ?? []}
          pagination={false}
          columns={[
            { title: '年度', dataIndex: 'year', render: (y: number | null, p) => (p.report === current ? <strong>{y ?? '—'}（本报告）</strong> : <Link to={`/reports/${p.report}?cell=${encodeURIComponent(path)}`}>{y ?? '—'}</Link>) },
            { title: '数值', dataIndex: 'value', align: 'right', render: (v: number | null) => v ?? '空白' },
            { title: '结转', key: 'carry', render: (_: unknown, p) => (breaks.has(p.report) ? <Tag color="#a8071a" title={breaks.get(p.report)}>与上一年度不衔接</Tag> : null) },
          ]}
        />
      )}
    </Card>
  );
}
