// Sum: a government's departments for a year (its agency's subtree), or the reports chosen in the
// library — the engine's sum, every blank cell named with its departments, optionally compared with
// the government's own report (hierarchy-sum); the sum drawn as the official tables and downloadable
// in every writer's format.
import { DownloadOutlined, FileAddOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Col, Form, InputNumber, Row, Select, Space, Spin, Table, Tag, Typography } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { useSession } from '../session.tsx';
import { api, saveFile, getTemplate, messageOf, type Agency, type Diagnostic, type Report, type ReportSummary, type TemplateData } from '../api.ts';
import { OfficialTable } from '../components/OfficialTable.tsx';
import { FindingList } from '../components/FindingList.tsx';
import { findingsByCell, layoutPaths } from '../findings.ts';
import { labelIn, placesOf } from '../grid.ts';
import { FORMATS } from '../labels.ts';

interface SumFinding extends Omit<Diagnostic, 'rule' | 'line'> {
  kind: string;
  label: string;
  /** Places in `departments`. */
  departments: number[];
}
interface SumResult {
  report: Report;
  findings: SumFinding[];
  diagnostics: Diagnostic[];
  departments: string[];
  comparison: Diagnostic[] | null;
}

export function SumPage() {
  const { message } = App.useApp();
  const [params, setParams] = useSearchParams();
  const chosen = (params.get('reports') ?? '').split(',').map(Number).filter((n) => Number.isInteger(n) && n > 0);
  const [agencies, setAgencies] = useState<Agency[]>([]);
  const [agency, setAgency] = useState<number | undefined>(params.get('agency') ? Number(params.get('agency')) : undefined);
  const [year, setYear] = useState<number>(Number(params.get('year')) || new Date().getFullYear() - 1);
  const [against, setAgainst] = useState<number | undefined>(undefined);
  const [candidates, setCandidates] = useState<ReportSummary[]>([]);
  const [result, setResult] = useState<SumResult | null>(null);
  const [template, setTemplate] = useState<TemplateData | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [selected, setSelected] = useState<string | null>(null);
  const { session } = useSession();
  const navigate = useNavigate();

  useEffect(() => {
    api.get<{ items: Agency[] }>('/agencies').then((r) => setAgencies(r.items), () => undefined);
    getTemplate().then(setTemplate, (e) => setError(messageOf(e)));
  }, []);
  useEffect(() => {
    api.get<{ items: ReportSummary[] }>('/reports', { year, limit: 500, sort: 'agency', order: 'asc' }).then((r) => setCandidates(r.items), () => setCandidates([]));
  }, [year]);

  const body = (format: string) => ({ ...(chosen.length ? { reports: chosen } : { agency }), year, ...(against ? { against } : {}), format });
  const run = async () => {
    setBusy(true);
    setError(null);
    try {
      setResult(await api.post<SumResult>('/sum', body('json')));
    } catch (e) {
      setResult(null);
      setError(messageOf(e));
    } finally {
      setBusy(false);
    }
  };
  // A document of the sum: the same request in another format, saved by the browser.
  const download = async (format: string) => {
    const res = await api.postForFile('/sum', body(format));
    const name = decodeURIComponent(/filename\*=UTF-8''([^;]+)/.exec(res.headers.get('content-disposition') ?? '')?.[1] ?? `汇总-${year}.${format}`);
    saveFile(await res.blob(), name);
  };

  // The sum of a government's departments kept as its own report's draft, to be written on.
  const saveDraft = async () => {
    try {
      const made = await api.post<{ id: number; notes: string[] }>('/reports', { agency, year, from: 'sum' });
      navigate(`/reports/${made.id}/write`, { state: { notes: made.notes } });
    } catch (e) {
      message.error(messageOf(e));
    }
  };

  // Every finding of the sum on its cells: the sum's own (blanks named with their departments), its checks, the comparison.
  const findings: Diagnostic[] = useMemo(() => {
    if (!result) return [];
    // The engine's message names the departments already.
    const named = result.findings.map((f) => ({ rule: f.kind, severity: f.severity, path: f.path, line: null, message: f.message }));
    return [...named, ...result.diagnostics, ...(result.comparison ?? [])];
  }, [result]);
  const grids = result && template ? template.layouts[result.report.template] : [];
  const paths = useMemo(() => layoutPaths(grids), [grids]);
  const byCell = useMemo(() => findingsByCell(findings, paths), [findings, paths]);
  // The government's own report beside the sum, its differing cells (hierarchy-sum) marked on both.
  const [own, setOwn] = useState<Report | null>(null);
  useEffect(() => {
    setOwn(null);
    if (result?.comparison && against !== undefined) api.get<{ model: Report }>(`/reports/${against}`).then((r) => setOwn(r.model), () => undefined);
  }, [result, against]);
  const ownCells = useMemo(() => findingsByCell(result?.comparison ?? [], paths), [result, paths]);
  const places = useMemo(() => grids.map(placesOf), [grids]);
  const labelOf = (path: string) => labelIn(places, path);

  return (
    <>
      <Typography.Title level={3}>汇总</Typography.Title>
      <Card style={{ marginBottom: 16 }}>
        <Form layout="inline" onFinish={() => void run()}>
          {chosen.length ? (
            <Form.Item label="所选报告">
              <Space>
                <Tag data-testid="chosen">{chosen.length} 份</Tag>
                <Button size="small" onClick={() => setParams(new URLSearchParams())}>
                  改为按机关汇总
                </Button>
              </Space>
            </Form.Item>
          ) : (
            <Form.Item label="政府（机关）">
              <Select
                showSearch
                optionFilterProp="label"
                placeholder="选择要汇总其下属单位的机关"
                aria-label="政府（机关）"
                value={agency}
                onChange={setAgency}
                options={agencies.map((a) => ({ value: a.id, label: a.name }))}
                style={{ width: 280 }}
              />
            </Form.Item>
          )}
          <Form.Item label="年度">
            <InputNumber min={2000} max={2100} value={year} onChange={(v) => v && setYear(v)} aria-label="年度" />
          </Form.Item>
          <Form.Item label="与政府本级报告比对">
            <Select allowClear showSearch optionFilterProp="label" placeholder="（可选）" aria-label="与政府本级报告比对" value={against} onChange={setAgainst} options={candidates.map((r) => ({ value: r.id, label: `${r.agency ?? '报告'}（#${r.id}）` }))} style={{ width: 280 }} />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={busy} disabled={!chosen.length && agency === undefined}>
            汇总
          </Button>
        </Form>
      </Card>
      {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 16 }} data-testid="sum-error" />}
      {busy && <Spin tip="正在汇总…"><div style={{ height: 120 }} /></Spin>}
      {result && template && (
        <>
          <Card
            title={`汇总了 ${result.departments.length} 个单位`}
            extra={
              <Space wrap>
                {FORMATS.filter(([f]) => f !== 'csv' && f !== 'json').map(([f, label]) => (
                  <Button key={f} size="small" icon={<DownloadOutlined />} onClick={() => void download(f).catch((e) => message.error(messageOf(e)))}>
                    {label}
                  </Button>
                ))}
                {!chosen.length && agency !== undefined && session?.may.includes('report.edit') && (
                  <Button size="small" type="primary" icon={<FileAddOutlined />} onClick={() => void saveDraft()}>
                    保存为本级报告草稿
                  </Button>
                )}
              </Space>
            }
            style={{ marginBottom: 16 }}
            data-testid="sum-result"
          >
            <Typography.Paragraph type="secondary">{result.departments.join('、')}</Typography.Paragraph>
            {grids.map((g) => (
              <Row key={g.id} gutter={12}>
                <Col xs={24} xl={own ? 12 : 24} style={{ overflowX: 'auto', marginBottom: 12 }}>
                  {own && <Typography.Text strong>汇总</Typography.Text>}
                  <OfficialTable grid={g} model={result.report} findings={byCell} selected={selected} onSelect={setSelected} />
                </Col>
                {own && (
                  <Col xs={24} xl={12} style={{ overflowX: 'auto', marginBottom: 12 }} data-testid="sum-against">
                    <Typography.Text strong>政府本级报告（#{against}）</Typography.Text>
                    <OfficialTable grid={g} model={own} findings={ownCells} selected={selected} onSelect={setSelected} />
                  </Col>
                )}
              </Row>
            ))}
          </Card>
          {selected && <Breakdown year={year} path={selected} label={labelOf(selected)} agency={chosen.length ? undefined : agency} chosen={chosen} />}
          <Card size="small" title={`汇总说明与比对（${findings.length}）`} data-testid="sum-findings">
            <FindingList findings={findings} onPick={(f) => setSelected(f.path)} empty="各单位的数都齐全，汇总没有空格" />
          </Card>
        </>
      )}
    </>
  );
}

/**
 * 分项: a cell of the sum broken down by the departments summed (GET /cells: their stored cells),
 * a blank named as blank — where a total comes from, and who left it out.
 */
function Breakdown({ year, path, label, agency, chosen }: { year: number; path: string; label: string; agency: number | undefined; chosen: number[] }) {
  const [rows, setRows] = useState<{ id: number; agency: string | null; agencyId: number | null; value: number | null }[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    setRows(null);
    setError(null);
    api.get<{ items: { id: number; agency: string | null; agencyId: number | null; values: (number | null)[] }[] }>('/cells', { year, path, limit: 100_000, ...(agency !== undefined ? { agency } : {}) }).then(
      (r) => {
        const ids = new Set(chosen);
        // The agency's own report is not among its departments (as the sum leaves it out).
        const parts = r.items.filter((i) => (chosen.length ? ids.has(i.id) : i.agencyId !== agency));
        setRows(parts.map((i) => ({ id: i.id, agency: i.agency, agencyId: i.agencyId, value: i.values[0] })));
      },
      (e) => setError(messageOf(e)),
    );
  }, [year, path, agency, chosen.join()]);
  const blanks = rows?.filter((r) => r.value === null).length ?? 0;
  return (
    <Card size="small" title={`分项：${label}`} style={{ marginBottom: 16 }} data-testid="sum-breakdown" extra={rows && (blanks ? <Tag color="#ad4e00">{blanks} 个单位空白</Tag> : <Tag color="#237804">各单位都已填写</Tag>)}>
      {error ? (
        <Alert type="error" showIcon message={error} />
      ) : (
        <Table
          rowKey="id"
          size="small"
          loading={rows === null}
          dataSource={rows ?? []}
          pagination={rows && rows.length > 20 ? { pageSize: 20, showSizeChanger: false } : false}
          columns={[
            { title: '单位', dataIndex: 'agency', render: (v: string | null, r) => <Link to={`/reports/${r.id}?cell=${encodeURIComponent(path)}`}>{v ?? `报告 #${r.id}`}</Link> },
            { title: '数值', dataIndex: 'value', align: 'right', render: (v: number | null) => (v === null ? <Typography.Text strong style={{ color: '#ad4e00' }}>空白</Typography.Text> : v) },
          ]}
        />
      )}
    </Card>
  );
}
