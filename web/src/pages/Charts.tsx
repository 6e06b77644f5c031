// 图表: a year (and, if chosen, an agency's subtree) as pictures — section 三 of the agency's
// report (or of the sum of its departments, where it has none of its own), its figures over the
// years with carry-over breaks marked, the agencies ranked by applications, by the 纠正 rate of
// 复议 and 诉讼 and by findings, and the tree of agencies coloured by their report's status. Each
// chart downloads as PNG and CSV (components/Chart.tsx). Loaded on demand: ECharts is not in the
// first page's JavaScript.
import { Alert, Card, Col, Empty, Form, InputNumber, Row, Select, Spin, Typography } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { useSearchParams } from 'react-router';
import { api, getTemplate, messageOf, type Agency, type Report, type ReportSummary, type TemplateData } from '../api.ts';
import { applicationFigures, applicationsRanking, correctionRanking, findingsRanking, statusTree, trendFigure, type CellItem, type Figure, type Series } from '../charts.ts';
import { ChartCard } from '../components/Chart.tsx';
import { useSession } from '../session.tsx';
import { versionForYear } from '../../../src/template/version.ts';

interface CellsAnswer {
  items: (CellItem & { agencyId: number | null })[];
}

export default function ChartsPage() {
  const { session } = useSession();
  const [params, setParams] = useSearchParams();
  // The most recent reports published: last year's.
  const year = Number(params.get('year')) || new Date().getFullYear() - 1;
  const agency = params.get('agency') ? Number(params.get('agency')) : undefined;
  const set = (k: string, v: number | undefined) => {
    const next = new URLSearchParams(params);
    if (v === undefined) next.delete(k);
    else next.set(k, String(v));
    setParams(next, { replace: true });
  };
  const [template, setTemplate] = useState<TemplateData | null>(null);
  const [agencies, setAgencies] = useState<Agency[]>([]);
  const [cells, setCells] = useState<CellsAnswer | null>(null);
  const [own, setOwn] = useState<{ model: Report; who: string } | null | 'none'>(null);
  const [series, setSeries] = useState<Series[] | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    getTemplate().then(setTemplate, (e) => setError(messageOf(e)));
    api.get<{ items: Agency[] }>('/agencies').then((r) => setAgencies(r.items), (e) => setError(messageOf(e)));
  }, []);
  const version = versionForYear(year);
  const groups = template ? template.versions[version].reviews.groups.map((g) => g.key) : [];
  // The cells the rankings need, named from the template: 本年新收, then each 复议/诉讼 group's 纠正 and its 总计.
  const paths = useMemo(() => (groups.length ? ['applications.received.total', ...groups.map((g) => `reviews.${g}.corrected`), ...groups.map((g) => `reviews.${g}.total`)] : []), [groups.join()]);
  useEffect(() => {
    if (!paths.length) return;
    setCells(null);
    api.get<CellsAnswer>('/cells', { year, path: paths, ...(agency ? { agency } : {}) }).then(setCells, (e) => setError(messageOf(e)));
  }, [year, agency, paths]);
  // Section 三 and the years of one agency: its own report, else the sum of its subtree.
  useEffect(() => {
    setOwn(null);
    setSeries(null);
    if (agency === undefined || !template) return;
    const name = agencies.find((a) => a.id === agency)?.name ?? `机关 #${agency}`;
    api
      .get<{ items: ReportSummary[] }>('/reports', { agency, year, limit: 500 })
      .then(async (r) => {
        const mine = r.items.find((x) => x.agencyId === agency);
        if (mine) return { model: (await api.get<{ model: Report }>(`/reports/${mine.id}`)).model, who: `${name}（本机关报告）` };
        return { model: (await api.post<{ report: Report }>('/sum', { agency, year })).report, who: `${name}（下属单位汇总）` };
      })
      .then(setOwn, () => setOwn('none'));
    const trend = [
      ['applications.received.total', '本年新收'],
      ['applications.total.total', '办理结果总计'],
      ['applications.carriedForward.total', '结转下年度'],
    ] as const;
    Promise.all(trend.map(([path]) => api.get<{ points: Series['points']; carryOver: Series['breaks'] }>('/series', { agency, path }))).then(
      (answers) => setSeries(answers.map((a, i) => ({ label: trend[i][1], points: a.points, breaks: a.carryOver }))),
      () => setSeries([]),
    );
  }, [agency, year, template, agencies]);

  const figures: Figure[] = [];
  if (template && own && own !== 'none') figures.push(...applicationFigures(template.versions[own.model.template], own.model, own.who));
  if (series?.some((s) => s.points.length)) figures.push(trendFigure(series, agencies.find((a) => a.id === agency)?.name ?? ''));
  if (cells) {
    figures.push(applicationsRanking(cells.items, year), correctionRanking(cells.items, year, groups.length), findingsRanking(cells.items, year));
    const shown = agency === undefined ? agencies : agencies.filter((a) => a.path.startsWith(agencies.find((x) => x.id === agency)?.path ?? '\u0000'));
    if (shown.length) figures.push(statusTree(shown, cells.items, session?.statuses ?? {}, year));
  }

  return (
    <>
      <Typography.Title level={3}>图表</Typography.Title>
      <Card style={{ marginBottom: 16 }}>
        <Form layout="inline">
          <Form.Item label="年度">
            <InputNumber min={2019} max={2100} value={year} onChange={(v) => v && set('year', v)} aria-label="年度" />
          </Form.Item>
          <Form.Item label="机关">
            <Select allowClear showSearch optionFilterProp="label" placeholder="全部（可选一个机关及其下属）" value={agency} onChange={(v) => set('agency', v)} options={agencies.map((a) => ({ value: a.id, label: a.name }))} style={{ width: 300 }} aria-label="机关" />
          </Form.Item>
        </Form>
      </Card>
      {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 16 }} />}
      {agency === undefined && <Alert type="info" showIcon message="选择一个机关，可看它的第三部分图示与逐年变化" style={{ marginBottom: 16 }} />}
      {own === 'none' && <Alert type="warning" showIcon message={`所选机关没有 ${year} 年度的报告，下属单位也没有可汇总的报告`} style={{ marginBottom: 16 }} />}
      {!cells && !error && <Spin tip="正在读取数字…"><div style={{ height: 160 }} /></Spin>}
      {cells && !cells.items.length && <Empty description={`没有 ${year} 年度的报告`} />}
      <Row gutter={16}>
        {figures.map((f) => (
          <Col key={f.id} xs={24} xxl={12}>
            <ChartCard figure={f} />
          </Col>
        ))}
      </Row>
    </>
  );
}
