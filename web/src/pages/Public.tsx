// 公开的报告: published reports for anyone, without an account, at stable addresses —
// /public (the list, searchable) and /public/reports/:id (one report: its text and its tables as
// the format prints them, with row and column headers, and its documents to download). Built for
// a phone as for a desk: nothing wider than the screen but the tables, each in a region that
// scrolls on its own and can be reached by the keyboard.
import { DownloadOutlined } from '@ant-design/icons';
import { Alert, Button, Input, List, Result, Space, Spin, Typography } from 'antd';
import { useEffect, useState, type ReactNode } from 'react';
import { Link, useParams, useSearchParams } from 'react-router';
import { api, downloadUrl, getTemplate, messageOf, type ReportDetail, type ReportSummary, type TemplateData } from '../api.ts';
import { OfficialTable } from '../components/OfficialTable.tsx';
import { FORMATS } from '../labels.ts';

function Frame({ children }: { children: ReactNode }) {
  return (
    <div style={{ minHeight: '100vh', background: '#f5f5f5' }}>
      <header style={{ background: '#8b1a1a', color: '#fff', padding: '12px 16px', display: 'flex', flexWrap: 'wrap', gap: 12, alignItems: 'center', justifyContent: 'space-between' }}>
        <Link to="/public" style={{ color: '#fff', fontSize: 18, fontWeight: 600 }}>
          政府信息公开工作年度报告
        </Link>
        <Link to="/login" style={{ color: '#fff' }}>
          工作人员登录
        </Link>
      </header>
      <main style={{ maxWidth: 1100, margin: '0 auto', padding: 16 }}>{children}</main>
    </div>
  );
}

export function PublicListPage() {
  const [params, setParams] = useSearchParams();
  const q = params.get('q') ?? '';
  const [items, setItems] = useState<ReportSummary[] | null>(null);
  const [next, setNext] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const load = (cursor?: string) =>
    api.get<{ items: ReportSummary[]; nextCursor: string | null }>('/reports', { q: q || undefined, sort: 'year', order: 'desc', limit: 50, cursor }).then(
      (r) => {
        setItems((before) => (cursor ? [...(before ?? []), ...r.items] : r.items));
        setNext(r.nextCursor);
      },
      (e) => setError(messageOf(e)),
    );
  useEffect(() => {
    setItems(null);
    setError(null);
    void load();
  }, [q]);
  return (
    <Frame>
      <Typography.Title level={1} style={{ fontSize: 24 }}>
        已发布的年度报告
      </Typography.Title>
      <Input.Search defaultValue={q} placeholder="搜索报告中的文字，如 信息处理费" enterButton="搜索" aria-label="搜索报告" onSearch={(v) => setParams(v.trim() ? { q: v.trim() } : {})} style={{ marginBottom: 16, maxWidth: 520 }} />
      {error && <Alert type="error" showIcon message={error} />}
      {items === null && !error ? (
        <Spin tip="正在读取…">
          <div style={{ height: 120 }} />
        </Spin>
      ) : (
        <List
          bordered
          style={{ background: '#fff' }}
          dataSource={items ?? []}
          locale={{ emptyText: q ? `没有含「${q}」的已发布报告` : '还没有已发布的报告' }}
          renderItem={(r) => (
            <List.Item>
              <Link to={`/public/reports/${r.id}`}>{`${r.year ?? ''}年${r.agency ?? '（未识别机关）'}政府信息公开工作年度报告`}</Link>
            </List.Item>
          )}
        />
      )}
      {next && (
        <Button style={{ marginTop: 12 }} onClick={() => void load(next)}>
          更多
        </Button>
      )}
    </Frame>
  );
}

export function PublicReportPage() {
  const id = Number(useParams().id);
  const [report, setReport] = useState<ReportDetail | null>(null);
  const [template, setTemplate] = useState<TemplateData | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    Promise.all([api.get<ReportDetail>(`/reports/${id}`), getTemplate()]).then(
      ([r, t]) => {
        setReport(r);
        setTemplate(t);
        document.title = r.model.meta.title ?? '政府信息公开工作年度报告';
      },
      (e) => setError(messageOf(e)),
    );
  }, [id]);
  if (error)
    return (
      <Frame>
        <Result status="404" title="没有这份已发布的报告" subTitle={error} extra={<Link to="/public">看已发布的报告</Link>} />
      </Frame>
    );
  if (!report || !template)
    return (
      <Frame>
        <Spin tip="正在读取报告…">
          <div style={{ height: 200 }} />
        </Spin>
      </Frame>
    );
  const grids = template.layouts[report.template];
  const sections = template.versions[report.template].sections;
  return (
    <Frame>
      <article style={{ background: '#fff', padding: 16 }}>
        <Typography.Title level={1} style={{ fontSize: 22, textAlign: 'center' }}>
          {report.model.meta.title ?? `${report.year ?? ''}年${report.agency ?? ''}政府信息公开工作年度报告`}
        </Typography.Title>
        <Space wrap style={{ marginBottom: 16 }}>
          {FORMATS.filter(([f]) => f !== 'json' && f !== 'csv').map(([f, label]) => (
            <a key={f} href={downloadUrl(`/reports/${id}/render`, { format: f })}>
              <DownloadOutlined /> 下载 {label}
            </a>
          ))}
        </Space>
        {report.model.preamble && <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>{report.model.preamble}</Typography.Paragraph>}
        {sections.map((s) => {
          const text = report.model.sections.find((x) => x.no === s.no)?.text;
          const tables = grids.filter((g) => g.section === s.no);
          return (
            <section key={s.no} aria-labelledby={`s${s.no}`}>
              <Typography.Title level={2} id={`s${s.no}`} style={{ fontSize: 18 }}>
                {`${s.numeral}、${s.title.official}`}
              </Typography.Title>
              {text && <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>{text}</Typography.Paragraph>}
              {tables.map((g) => (
                <div key={g.id} role="region" aria-label={`${g.caption}（可左右滚动）`} tabIndex={0} style={{ overflowX: 'auto', marginBottom: 16 }}>
                  <OfficialTable grid={g} model={report.model} findings={new Map()} selected={null} />
                </div>
              ))}
            </section>
          );
        })}
      </article>
    </Frame>
  );
}
