// The home page by role: an editor's drafts and what was returned to it; a reviewer's queue of
// submitted reports with their errors and warnings; an admin's view of the whole store.
import { FileAddOutlined } from '@ant-design/icons';
import { Button, Card, Col, Row, Statistic, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { Link } from 'react-router';
import { api, messageOf, type Comment, type Facets, type ReportSummary, type Status } from '../api.ts';
import { useSession } from '../session.tsx';
import { ReportTable } from '../components/ReportTable.tsx';

/** One list of the home page: a status's reports, newest first; returned ones with the reviewer's reason. */
function StatusList({ status, title, empty }: { status: Status; title: string; empty: string }) {
  const [items, setItems] = useState<ReportSummary[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [reasons, setReasons] = useState<Map<number, string>>(new Map());
  useEffect(() => {
    api.get<{ items: ReportSummary[] }>('/reports', { status, sort: 'updated', order: 'desc', limit: 20 }).then(
      (r) => {
        setItems(r.items);
        if (status !== 'returned') return;
        // Why each was returned: the last status record that returned it.
        for (const item of r.items)
          api.get<{ items: Comment[] }>(`/reports/${item.id}/comments`).then((c) => {
            const last = c.items.filter((x) => x.kind === 'status' && x.statusTo === 'returned').pop();
            if (last) setReasons((m) => new Map(m).set(item.id, last.body));
          }, () => undefined);
      },
      (e) => setError(messageOf(e)),
    );
  }, [status]);
  const extra = status === 'returned' ? [{ title: '退回原因', key: 'reason', render: (_: unknown, r: ReportSummary) => reasons.get(r.id) ?? '' }] : undefined;
  return (
    <Card title={title} extra={<Link to={`/reports?status=${status}`}>全部</Link>} style={{ marginBottom: 16 }} data-testid={`home-${status}`}>
      <ReportTable items={items} error={error} empty={empty} compact extra={extra} />
    </Card>
  );
}

/** The admin's part: the agencies and accounts there are, and the latest of the audit log. */
function AdminSummary() {
  const [counts, setCounts] = useState<{ agencies: number; users: number } | null>(null);
  const [audit, setAudit] = useState<{ id: number; at: string; userName: string | null; action: string; target: string | null }[] | null>(null);
  useEffect(() => {
    Promise.all([api.get<{ items: unknown[] }>('/agencies'), api.get<{ items: unknown[] }>('/users')]).then(([a, u]) => setCounts({ agencies: a.items.length, users: u.items.length }), () => undefined);
    api.get<{ items: NonNullable<typeof audit> }>('/audit', { limit: 5 }).then((r) => setAudit(r.items), () => setAudit([]));
  }, []);
  return (
    <Card title="管理" extra={<Link to="/admin">机关、账号与审计日志</Link>} style={{ marginBottom: 16 }} data-testid="home-admin">
      <Row gutter={16}>
        <Col xs={12} md={6}>
          <Statistic title="机关" value={counts?.agencies ?? 0} loading={!counts} />
        </Col>
        <Col xs={12} md={6}>
          <Statistic title="账号" value={counts?.users ?? 0} loading={!counts} />
        </Col>
        <Col xs={24} md={12}>
          <Typography.Text strong>最近的操作</Typography.Text>
          {(audit ?? []).map((e) => (
            <div key={e.id} style={{ fontSize: 12 }}>
              {new Date(e.at).toLocaleString('zh-CN')} · {e.userName ?? '—'} · <Typography.Text code>{e.action}</Typography.Text> {e.target ?? ''}
            </div>
          ))}
        </Col>
      </Row>
    </Card>
  );
}

export function HomePage() {
  const { session } = useSession();
  const [facets, setFacets] = useState<Facets | null>(null);
  useEffect(() => {
    api.get<Facets>('/reports/facets').then(setFacets, () => setFacets(null));
  }, []);
  if (!session) return null;
  const role = session.user.role;
  const count = (status: Status) => facets?.status[status] ?? 0;
  return (
    <>
      <Typography.Title level={3}>你好，{session.user.name}</Typography.Title>
      <Row gutter={16} style={{ marginBottom: 16 }}>
        {(['draft', 'submitted', 'returned', 'approved', 'published'] as Status[]).map((s) => (
          <Col key={s} xs={12} sm={8} md={4}>
            <Card size="small">
              <Link to={`/reports?status=${s}`}>
                <Statistic title={session.statuses[s]} value={count(s)} loading={!facets} />
              </Link>
            </Card>
          </Col>
        ))}
        <Col xs={12} sm={8} md={4}>
          <Card size="small">
            <Link to="/reports?hasErrors=true">
              <Statistic title="有错误" value={facets?.hasErrors.true ?? 0} valueStyle={{ color: '#cf1322' }} loading={!facets} />
            </Link>
          </Card>
        </Col>
      </Row>
      {role === 'admin' && <AdminSummary />}
      {(role === 'editor' || role === 'admin') && (
        <>
          <Link to="/new">
            <Button type="primary" icon={<FileAddOutlined />} style={{ marginBottom: 16 }}>
              新建年度报告
            </Button>
          </Link>
          <StatusList status="returned" title="退回给我修改的报告" empty="没有被退回的报告" />
          <StatusList status="draft" title="我的草稿" empty="没有草稿" />
        </>
      )}
      {(role === 'reviewer' || role === 'admin') && <StatusList status="submitted" title="等待审核的报告" empty="没有等待审核的报告" />}
      {role === 'viewer' && <StatusList status="published" title="已发布的报告" empty="没有已发布的报告" />}
    </>
  );
}
