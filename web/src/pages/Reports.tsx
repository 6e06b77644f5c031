// The report library: filters with their counts, an agency's subtree chosen in the tree, a search
// box (words of the text and cell conditions), sorting, cursor pagination; the filters live in the
// URL so a view can be shared; the reports chosen summed, or moved to a status together.
import { DownloadOutlined } from '@ant-design/icons';
import { App, Button, Card, Dropdown, Input, Select, Space, TreeSelect, Typography } from 'antd';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import { api, downloadUrl, messageOf, type Agency, type Facets, type ReportSummary, type Search, type Status } from '../api.ts';
import { agencyTree } from '../agencies.ts';
import { SEVERITY_ZH } from '../labels.ts';
import { ReportTable } from '../components/ReportTable.tsx';
import { useSession } from '../session.tsx';

const FILTERS = ['year', 'status', 'template', 'hasErrors', 'severity', 'agency', 'q', 'sort', 'order'] as const;
type Filter = Record<(typeof FILTERS)[number], string | undefined>;
const filterIn = (p: URLSearchParams) => Object.fromEntries(FILTERS.map((k) => [k, p.get(k) ?? undefined])) as Filter;

export function ReportsPage() {
  const { session } = useSession();
  const [params, setParams] = useSearchParams();
  const navigate = useNavigate();
  const filter = useMemo(() => filterIn(params), [params]);
  const cursor = params.get('cursor') ?? undefined;
  const [page, setPage] = useState<{ items: ReportSummary[] | null; next: string | null; error: string | null; search?: Search }>({ items: null, next: null, error: null });
  const [facets, setFacets] = useState<Facets | null>(null);
  const [selected, setSelected] = useState<number[]>([]);
  const [history, setHistory] = useState<string[]>([]);
  const key = JSON.stringify(filter);
  /** Bumped when the reports changed here (a status moved): the page asks for the list again. */
  const [changed, setChanged] = useState(0);

  // The list and its counts are asked for the moment a filter changes (set), not after the page has
  // drawn itself again for the new address: that drawing took most of a filter change's time
  // (bench/web.ts). The effect asks only for what was not asked already (a link, back, a new page).
  const asked = useRef<string | null>(null);
  const counted = useRef<string | null>(null);
  const latest = useRef(0);
  const latestCounts = useRef(0);
  const load = (f: Filter, c: string | undefined) => {
    const n = ++latest.current;
    setPage((p) => ({ ...p, items: null }));
    api.get<{ items: ReportSummary[]; nextCursor: string | null; search?: Search }>('/reports', { ...f, cursor: c, limit: 50 }).then(
      // Only the last asked is shown: an earlier answer arriving late is dropped.
      (r) => n === latest.current && setPage({ items: r.items, next: r.nextCursor, error: null, search: r.search }),
      (e) => n === latest.current && setPage({ items: [], next: null, error: messageOf(e) }),
    );
    // The counts once a filter (a page of it shares them).
    if (counted.current === JSON.stringify(f)) return;
    counted.current = JSON.stringify(f);
    const m = ++latestCounts.current;
    const { sort: _s, order: _o, ...filters } = f;
    api.get<Facets>('/reports/facets', filters).then((r) => m === latestCounts.current && setFacets(r), () => m === latestCounts.current && setFacets(null));
  };
  useEffect(() => {
    const now = JSON.stringify([key, cursor, changed]);
    if (asked.current === now) return;
    asked.current = now;
    load(filter, cursor);
    // Keyed by the filter's JSON (`key`), not the object made afresh at each render.
  }, [key, cursor, changed]);
  useEffect(() => setHistory([]), [key]);

  const set = (k: string, v: string | undefined) => {
    const next = new URLSearchParams(params);
    if (v === undefined || v === '') next.delete(k);
    else next.set(k, v);
    next.delete('cursor');
    const f = filterIn(next);
    asked.current = JSON.stringify([JSON.stringify(f), undefined, changed]);
    load(f, undefined);
    setParams(next);
  };
  const goto = (c: string | undefined) => {
    const next = new URLSearchParams(params);
    if (c) next.set('cursor', c);
    else next.delete('cursor');
    setParams(next);
  };
  const options = (facet: keyof Facets, name: (k: string) => string) =>
    Object.entries(facets?.[facet] ?? {})
      .sort(([a], [b]) => b.localeCompare(a))
      .map(([k, n]) => ({ value: k, label: `${name(k)}（${n}）` }));
  const statusName = (k: string) => session?.statuses[k as keyof typeof session.statuses] ?? k;
  const { message, modal } = App.useApp();
  const [agencies, setAgencies] = useState<Agency[]>([]);
  // Built once a list of agencies (ten thousand of them made every filter change cost half a second).
  const tree = useMemo(() => agencyTree(agencies), [agencies]);
  useEffect(() => {
    api.get<{ items: Agency[] }>('/agencies').then((r) => setAgencies(r.items), () => undefined);
  }, []);
  // The chosen reports moved to a status, one after another; what could not be moved is said with the server's reason.
  const [moving, setMoving] = useState(false);
  const moveAll = async (to: Status) => {
    setMoving(true);
    const failed: string[] = [];
    for (const id of selected) await api.post(`/reports/${id}/status`, { status: to, comment: '批量操作' }).catch((e: unknown) => failed.push(`#${id}：${messageOf(e)}`));
    setMoving(false);
    const done = selected.length - failed.length;
    if (failed.length) modal.warning({ title: `${done} 份已改为「${statusName(to)}」，${failed.length} 份未能更改`, content: <div>{failed.slice(0, 20).map((f) => <div key={f}>{f}</div>)}</div> });
    else message.success(`${done} 份已改为「${statusName(to)}」`);
    setSelected([]);
    counted.current = null;
    setChanged((n) => n + 1);
  };
  const movable = session ? [...new Set(Object.values(session.transitions).flat())].filter((to) => session.may.includes(to === 'submitted' ? 'report.submit' : 'report.review')) : [];
  const exportQuery = { ...filter, sort: undefined, order: undefined };

  return (
    <>
      <Typography.Title level={3}>报告库</Typography.Title>
      <Card style={{ marginBottom: 16 }}>
        <Space wrap>
          <Input.Search aria-label="搜索报告" placeholder="搜索报告文字，可加单元格条件，如：信息处理费 applications.received.total>10" defaultValue={filter.q} onSearch={(v) => set('q', v.trim())} allowClear style={{ width: 460 }} data-testid="search" />
          <Select placeholder="年度" aria-label="年度" allowClear value={filter.year} onChange={(v) => set('year', v)} options={options('year', (k) => `${k} 年`)} style={{ width: 140 }} />
          <Select placeholder="状态" aria-label="状态" allowClear value={filter.status} onChange={(v) => set('status', v)} options={options('status', statusName)} style={{ width: 140 }} />
          <Select placeholder="模板" aria-label="模板" allowClear value={filter.template} onChange={(v) => set('template', v)} options={options('template', (k) => `${k} 版`)} style={{ width: 140 }} />
          <TreeSelect
            placeholder="机关（含下属）"
            aria-label="机关"
            allowClear
            showSearch
            treeNodeFilterProp="title"
            treeData={tree}
            value={filter.agency ? Number(filter.agency) : undefined}
            onChange={(v?: number) => set('agency', v === undefined ? undefined : String(v))}
            style={{ width: 220 }}
          />
          <Select placeholder="问题级别" aria-label="问题级别" allowClear value={filter.severity} onChange={(v) => set('severity', v)} options={Object.entries(SEVERITY_ZH).map(([value, label]) => ({ value, label: `有${label}` }))} style={{ width: 120 }} />
          <Select placeholder="检查结果" aria-label="检查结果" allowClear value={filter.hasErrors} onChange={(v) => set('hasErrors', v)} options={options('hasErrors', (k) => (k === 'true' ? '有错误' : '无错误'))} style={{ width: 140 }} />
          <Select
            placeholder="排序"
            value={filter.sort ? `${filter.sort}:${filter.order ?? 'desc'}` : undefined}
            allowClear
            onChange={(v?: string) => {
              const [s, o] = v ? v.split(':') : [undefined, undefined];
              const next = new URLSearchParams(params);
              for (const [k, x] of [['sort', s], ['order', o]] as const) x ? next.set(k, x) : next.delete(k);
              next.delete('cursor');
              setParams(next);
            }}
            options={[
              { value: 'id:desc', label: '新导入在前' },
              { value: 'year:desc', label: '年度从新到旧' },
              { value: 'updated:desc', label: '最近修改在前' },
              { value: 'errors:desc', label: '错误多的在前' },
              { value: 'agency:asc', label: '按机关名称' },
            ]}
            style={{ width: 160 }}
          />
          <Dropdown
            menu={{
              items: [
                { key: 'csv', label: <a href={downloadUrl('/export', { ...exportQuery, format: 'csv' })}>导出所选条件的报告（CSV）</a> },
                { key: 'xlsx', label: <a href={downloadUrl('/export', { ...exportQuery, format: 'xlsx' })}>导出所选条件的报告（Excel）</a> },
              ],
            }}
          >
            <Button icon={<DownloadOutlined />}>导出</Button>
          </Dropdown>
        </Space>
      </Card>
      {selected.length > 0 && (
        <Space style={{ marginBottom: 8 }}>
          <span>已选 {selected.length} 份</span>
          <Button type="primary" onClick={() => navigate(`/sum?reports=${selected.join(',')}&year=${page.items?.find((i) => selected.includes(i.id))?.year ?? ''}`)}>
            汇总所选报告
          </Button>
          {movable.length > 0 && (
            <Dropdown menu={{ items: movable.map((to) => ({ key: to, label: `改为「${statusName(to)}」` })), onClick: (e) => void moveAll(e.key as Status) }}>
              <Button loading={moving}>改状态</Button>
            </Dropdown>
          )}
          <Button onClick={() => setSelected([])}>取消选择</Button>
        </Space>
      )}
      <ReportTable items={page.items} error={page.error} selected={selected} onSelect={setSelected} search={page.search} />
      <Space style={{ marginTop: 16 }}>
        <Button
          disabled={!cursor}
          onClick={() => {
            const prev = history.slice(0, -1);
            goto(history[history.length - 2]);
            setHistory(prev);
          }}
        >
          上一页
        </Button>
        <Button
          disabled={!page.next}
          onClick={() => {
            setHistory([...history, page.next!]);
            goto(page.next!);
          }}
        >
          下一页
        </Button>
      </Space>
    </>
  );
}
