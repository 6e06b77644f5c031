// One report, the page a reviewer lives in: the source beside the official tables, every finding
// on its cell and in a list that jumps to the cell and the source line; a cell edited in place
// re-runs the checks at once and says what cleared and what appeared; undo; status actions with a
// reason; comments; versions; export in every format.
import { DownloadOutlined, EditOutlined, UndoOutlined } from '@ant-design/icons';
import { App, Alert, Button, Card, Col, Descriptions, Dropdown, Input, List, Modal, Result, Row, Segmented, Space, Spin, Tag, Timeline, Typography } from 'antd';
import { lazy, Suspense, useCallback, useEffect, useMemo, useState } from 'react';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import { api, downloadUrl, messageOf, type Comment, type Diagnostic, type ReportDetail, type Status, type Version } from '../api.ts';
import { findingsByCell, layoutPaths } from '../findings.ts';
import { useStoredReport } from '../edits.tsx';
import { FindingList } from '../components/FindingList.tsx';
import { Marked } from '../components/Marked.tsx';
import { CellSeries } from '../components/CellSeries.tsx';
import { labelIn, placesOf } from '../grid.ts';
import { OfficialTable } from '../components/OfficialTable.tsx';
import { SourceText } from '../components/SourceText.tsx';
import { ACTION_ZH, FORMATS, sectionHeading, STATUS_COLOR } from '../labels.ts';
import { actionsFor, useSession } from '../session.tsx';

// pdf.js comes with the first PDF shown, not with the first page; a report page asks for it as it
// opens, beside the report itself, so that a PDF's page is not drawn one load later.
const loadPdfPage = () => import('../components/PdfPage.tsx');
const PdfPage = lazy(() => loadPdfPage().then((m) => ({ default: m.PdfPage })));

export function ReportPage() {
  const id = Number(useParams().id);
  const { session } = useSession();
  const { message } = App.useApp();
  const navigate = useNavigate();
  // Opened from a search (components/Marked.tsx atMatch): the words to mark, the section they are in, a condition's cell.
  const [at] = useSearchParams();
  const marks = (at.get('mark') ?? '').split(' ').filter(Boolean);
  const [tab, setTab] = useState(at.get('in') ? 'text' : 'tables');
  const [selected, setSelected] = useState<string | null>(at.get('cell'));
  const [line, setLine] = useState<number | null>(null);
  const [comments, setComments] = useState<Comment[]>([]);
  const [versions, setVersions] = useState<Version[]>([]);
  const [asking, setAsking] = useState<Status | null>(null);
  const [reason, setReason] = useState('');

  const loadSide = useCallback(() => {
    api.get<{ items: Comment[] }>(`/reports/${id}/comments`).then((r) => setComments(r.items), () => undefined);
    api.get<{ items: Version[] }>(`/reports/${id}/versions`).then((r) => setVersions(r.items), () => undefined);
  }, [id]);
  const { report, setReport, template, error, edits } = useStoredReport(id, loadSide);
  useEffect(() => loadSide(), [loadSide]);
  useEffect(() => void loadPdfPage().catch(() => undefined), []);

  // The match in view once the report is drawn: the first marked word, else the selected cell.
  const drawn = report !== null && template !== null;
  useEffect(() => {
    if (!drawn) return;
    if (selected) setLine(report.source.cells[selected]?.line ?? null);
    const where = at.get('in') ? '[data-testid="report-text"] mark' : selected ? `[data-path="${selected}"]` : null;
    if (where) document.querySelector(where)?.scrollIntoView({ block: 'center' });
    // Only when the report is first drawn.
  }, [drawn]);

  const grids = report && template ? template.layouts[report.template] : [];
  const places = useMemo(() => grids.map(placesOf), [grids]);
  const labelOf = (path: string) => labelIn(places, path);
  const paths = useMemo(() => layoutPaths(grids), [grids]);
  const byCell = useMemo(() => (report ? findingsByCell(report.findings, paths) : new Map<string, Diagnostic[]>()), [report, paths]);

  if (error) return <Result status="warning" title="无法打开这份报告" subTitle={error} />;
  if (!report || !template || !session) return <Spin size="large" tip="正在读取报告…"><div style={{ height: 300 }} /></Spin>;

  const editable = session.may.includes('report.edit') && (report.status === 'draft' || report.status === 'returned');
  const select = (path: string) => {
    setSelected(path);
    setLine(report.source.cells[path]?.line ?? null);
  };
  const jump = (f: Diagnostic) => {
    const cell = paths.find((p) => byCell.get(p)?.includes(f));
    setSelected(cell ?? null);
    setLine(f.line ?? (cell ? (report.source.cells[cell]?.line ?? null) : null));
    if (cell) document.querySelector(`[data-path="${cell}"]`)?.scrollIntoView({ block: 'center', behavior: 'smooth' });
  };
  const changeStatus = async (to: Status, comment: string) => {
    try {
      await api.post(`/reports/${id}/status`, { status: to, comment });
      message.success(`已${ACTION_ZH[to] ?? session.statuses[to]}`);
      setAsking(null);
      setReason('');
      setReport(await api.get<ReportDetail>(`/reports/${id}`));
      loadSide();
    } catch (e) {
      message.error(messageOf(e));
    }
  };
  const actions = actionsFor(session, report.status);
  // A section's heading as the format prints it, from the template.
  const heading = (no: number | null) => sectionHeading(template.versions[report.template], no);
  const sections = new Map(grids.map((g) => [g.section, [] as typeof grids]));
  for (const g of grids) sections.get(g.section)!.push(g);

  return (
    <>
      <Space align="center" wrap style={{ marginBottom: 16 }}>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {report.model.meta.title ?? `${report.year ?? ''}年${report.agency ?? ''}政府信息公开工作年度报告`}
        </Typography.Title>
        <Tag color={STATUS_COLOR[report.status]} data-testid="status">
          {session.statuses[report.status]}
        </Tag>
        {actions.map((to) => (
          <Button key={to} type={to === 'returned' ? 'default' : 'primary'} danger={to === 'returned'} onClick={() => (to === 'returned' ? setAsking(to) : void changeStatus(to, ''))}>
            {ACTION_ZH[to] ?? session.statuses[to]}
          </Button>
        ))}
        <Dropdown menu={{ items: FORMATS.map(([f, label]) => ({ key: f, label: <a href={downloadUrl(`/reports/${id}/render`, { format: f })}>{label}</a> })) }}>
          <Button icon={<DownloadOutlined />}>导出</Button>
        </Dropdown>
        <Button onClick={() => window.open(downloadUrl(`/reports/${id}/render`, { format: 'html' }), '_blank')}>打印</Button>
        {editable && (
          <Button icon={<UndoOutlined />} disabled={!edits.canUndo || edits.busy} onClick={() => void edits.undo()}>
            撤销
          </Button>
        )}
        {editable && (
          <Button icon={<EditOutlined />} onClick={() => navigate(`/reports/${id}/write`)}>
            填报
          </Button>
        )}
      </Space>
      <Descriptions size="small" column={{ xs: 1, sm: 2, md: 4 }} style={{ marginBottom: 16 }}>
        <Descriptions.Item label="机关">{report.agency ?? '—'}</Descriptions.Item>
        <Descriptions.Item label="年度">{report.year ?? '—'}</Descriptions.Item>
        <Descriptions.Item label="模板">{report.template} 版</Descriptions.Item>
        <Descriptions.Item label="版本">
          第 {report.version.number} 版（{report.version.author ?? '导入'}）
        </Descriptions.Item>
      </Descriptions>
      {!editable && session.may.includes('report.edit') && <Alert type="info" showIcon style={{ marginBottom: 16 }} message={`报告当前为「${session.statuses[report.status]}」，只有草稿或已退回的报告可以修改`} />}
      <Row gutter={16}>
        <Col xs={24} xl={9}>
          <Card size="small" title={`原文：${report.source.file.split(/[\\/]/).pop()}`} style={{ position: 'sticky', top: 8 }}>
            {report.source.document.format === 'json' ? (
              <Alert type="info" showIcon message="这份报告没有排版的原文：它在工作台中撰写，或导入自模型 JSON" description={<Link to={`/reports/${id}/write`}>打开填报视图</Link>} />
            ) : report.source.document.format === 'pdf' ? (
              <Suspense fallback={<Spin tip="正在打开 PDF…"><div style={{ height: 200 }} /></Spin>}>
                <PdfPage reportId={id} version={report.version.id} page={selected ? (report.source.cells[selected]?.page ?? null) : null} box={selected ? report.source.cells[selected]?.box : undefined} />
              </Suspense>
            ) : (
              <SourceText reportId={id} line={line} version={report.version.id} />
            )}
          </Card>
        </Col>
        <Col xs={24} xl={15}>
          {/* The views of the report as one segmented control (antd's Tabs, narrowed, put its overflow menu inside the tab list). */}
          {(() => {
            const views = [
              {
                key: 'tables',
                label: '表格',
                children: [...sections.entries()].map(([no, gs]) => (
                  <Card key={String(no)} size="small" title={heading(no)} style={{ marginBottom: 16, overflowX: 'auto' }}>
                    {gs.map((g) => (
                      <OfficialTable key={g.id} grid={g} model={report.model} findings={byCell} selected={selected} onSelect={select} onEdit={editable ? (cells) => void edits.editCells(cells) : undefined} />
                    ))}
                  </Card>
                )),
              },
              {
                key: 'text',
                label: '正文',
                children: (
                  <Card size="small" data-testid="report-text">
                    {report.model.preamble && (
                      <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>
                        <Marked text={report.model.preamble} words={marks} />
                      </Typography.Paragraph>
                    )}
                    {report.model.sections.map((s) => (
                      <div key={s.no}>
                        <Typography.Title level={5}>
                          <Marked text={s.heading ?? `第${s.no}部分`} words={marks} />
                        </Typography.Title>
                        <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>
                          <Marked text={s.text ?? '（缺少本部分）'} words={marks} />
                        </Typography.Paragraph>
                      </div>
                    ))}
                  </Card>
                ),
              },
              { key: 'comments', label: `意见（${comments.length}）`, children: <Comments id={id} comments={comments} onAdded={loadSide} selected={selected} /> },
              {
                key: 'versions',
                label: `版本（${versions.length}）`,
                children: <Timeline items={versions.map((v) => ({ children: `第 ${v.number} 版 · ${v.author ?? '导入'} · ${new Date(v.createdAt).toLocaleString('zh-CN')}${v.reason ? ` · ${v.reason}` : ''}` }))} />,
              },
            ];
            return (
              <>
                <Segmented block value={tab} onChange={(v) => setTab(String(v))} options={views.map((v) => ({ value: v.key, label: v.label }))} style={{ marginBottom: 12 }} aria-label="报告的内容" />
                {views.find((v) => v.key === tab)?.children}
              </>
            );
          })()}
        </Col>
      </Row>
      <Card size="small" title={`检查结果（${report.findings.length}）`} style={{ marginTop: 16 }} data-testid="findings">
        <FindingList findings={report.findings} onPick={jump} empty="没有发现问题" />
      </Card>
      {selected && report.agencyId !== null && <CellSeries agency={report.agencyId} path={selected} label={labelOf(selected)} current={report.id} />}
      <Modal title="退回报告" open={asking !== null} okText="退回" cancelText="取消" okButtonProps={{ disabled: !reason.trim(), danger: true }} onOk={() => asking && void changeStatus(asking, reason.trim())} onCancel={() => setAsking(null)}>
        <Typography.Paragraph>请写明退回的原因，编辑会在首页看到。</Typography.Paragraph>
        <Input.TextArea rows={4} value={reason} onChange={(e) => setReason(e.target.value)} placeholder="退回原因" aria-label="退回原因" />
      </Modal>
    </>
  );
}

function Comments({ id, comments, onAdded, selected }: { id: number; comments: Comment[]; onAdded: () => void; selected: string | null }) {
  const { session } = useSession();
  const { message } = App.useApp();
  const [text, setText] = useState('');
  const add = async () => {
    try {
      await api.post(`/reports/${id}/comments`, { body: text.trim(), path: selected });
      setText('');
      onAdded();
    } catch (e) {
      message.error(messageOf(e));
    }
  };
  return (
    <Card size="small">
      <List
        dataSource={comments}
        locale={{ emptyText: '还没有意见' }}
        renderItem={(c) => (
          <List.Item>
            <List.Item.Meta
              title={`${c.author ?? '—'} · ${new Date(c.createdAt).toLocaleString('zh-CN')}${c.kind === 'status' && c.statusTo ? ` · 状态改为「${session?.statuses[c.statusTo] ?? c.statusTo}」` : ''}${c.path ? ` · 单元格 ${c.path}` : ''}`}
              description={c.body || '（无说明）'}
            />
          </List.Item>
        )}
      />
      {session?.may.includes('report.comment') && (
        <Space.Compact style={{ width: '100%', marginTop: 8 }}>
          <Input value={text} onChange={(e) => setText(e.target.value)} placeholder={selected ? `对单元格 ${selected} 提意见` : '对报告提意见'} />
          <Button type="primary" disabled={!text.trim()} onClick={() => void add()}>
            提交
          </Button>
        </Space.Compact>
      )}
    </Card>
  );
}
