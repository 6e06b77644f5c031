// A small generator of random valid reports, for property tests and the benchmark. It shares only
// the model's shape with src/ (blankReport, cellsOf); the text layouts are written here, on their
// own, the way real files come, so that a reader bug is not hidden by a matching writer bug.
import * as OpenCC from 'opencc-js';
import { blankReport } from '../src/model/blank.ts';
import { setCell } from '../src/model/paths.ts';
import type { Report } from '../src/model/report.ts';
import { applicationRowPaths, outcomeRowPaths, templateFor, type TemplateVersion } from '../src/template/index.ts';

/** mulberry32: a tiny seeded PRNG. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const AGENCIES = ['广水市科技经信局', '中牟县市场监督管理局', '平湖市科学技术局', '凤泉区教育局', '淮安市洪泽区人民政府', '武汉市生态环境局', '新抚区发展和改革局'];
const APPLICANTS = ['naturalPerson', 'commercialEnterprise', 'researchInstitution', 'socialWelfareOrg', 'legalServiceOrg', 'otherOrg'];

export function randomReport(seed: number, version: TemplateVersion): Report {
  const rand = rng(seed);
  const int = (max: number) => Math.floor(rand() * (max + 1));
  // Mostly small numbers, as real reports have, sometimes large ones.
  const count = () => (rand() < 0.5 ? 0 : rand() < 0.8 ? int(20) : int(5000));
  const t = templateFor(version);
  const r = blankReport(version);
  const year = version === '2021' ? 2021 + int(4) : 2019 + int(1);
  const agency = AGENCIES[int(AGENCIES.length - 1)];
  r.meta = { title: `${year}年度${agency}政府信息公开工作年度报告`, agency, year, region: null, reviewer: null };
  for (const table of t.active) {
    for (const row of table.rows) {
      for (const c of table.columns) {
        let v: number = c.unit ? Math.round(rand() * 1e6) / 1e4 : count();
        if (c.signed && rand() < 0.3) v = -v;
        setCell(r, `active.${row.key}.${c.key}`, v);
      }
    }
  }
  if (version === '2021') {
    for (const row of ['regulations', 'normativeDocuments']) {
      const issued = count();
      const repealed = int(issued);
      setCell(r, `active.${row}.issued`, issued);
      setCell(r, `active.${row}.repealed`, repealed);
      setCell(r, `active.${row}.inForce`, issued - repealed + count());
    }
  }
  // Section 三: choose outcomes and carry-overs per column, derive the totals and the balance.
  const rows = outcomeRowPaths(t.applications);
  for (const col of APPLICANTS) {
    let total = 0;
    for (const p of rows) {
      const v = rand() < 0.6 ? 0 : count();
      setCell(r, `applications.${p}.${col}`, v);
      total += v;
    }
    const carriedOver = rand() < 0.6 ? 0 : int(30);
    const carriedForward = rand() < 0.6 ? 0 : int(30);
    setCell(r, `applications.total.${col}`, total);
    setCell(r, `applications.carriedOver.${col}`, carriedOver);
    setCell(r, `applications.carriedForward.${col}`, carriedForward);
    setCell(r, `applications.received.${col}`, total + carriedForward - carriedOver >= 0 ? total + carriedForward - carriedOver : 0);
    if (total + carriedForward - carriedOver < 0) setCell(r, `applications.carriedOver.${col}`, total + carriedForward);
  }
  for (const p of applicationRowPaths(t.applications)) {
    const sum = APPLICANTS.reduce((a, c) => a + getNumber(r, `applications.${p}.${c}`), 0);
    setCell(r, `applications.${p}.total`, sum);
  }
  for (const g of t.reviews.groups) {
    let sum = 0;
    for (const c of t.reviews.columns) {
      if (c.key === 'total') continue;
      const v = rand() < 0.7 ? 0 : int(40);
      setCell(r, `reviews.${g.key}.${c.key}`, v);
      sum += v;
    }
    setCell(r, `reviews.${g.key}.total`, sum);
  }
  const received = getNumber(r, 'applications.received.total');
  r.sections = t.sections.map((s) => ({
    no: s.no,
    heading: `${s.numeral}、${s.title.official}`,
    text: s.no === 1 ? `${year}年，本机关共收到政府信息公开申请${received}件。` : s.no === 6 ? '本年度未收取信息处理费。' : '',
  }));
  return r;
}

function getNumber(r: Report, path: string): number {
  let node: unknown = r;
  for (const k of path.split('.')) node = (node as Record<string, unknown>)[k];
  return node as number;
}

export type GeneratedLayout = 'tab-rows' | 'cell-lines' | 'pipe-rows' | 'pipe-cells' | 'cell-pipe' | 'lines';
export const GENERATED_LAYOUTS: GeneratedLayout[] = ['tab-rows', 'cell-lines', 'pipe-rows', 'pipe-cells', 'cell-pipe', 'lines'];

/** The printed rows of a report's tables: label cells then value cells, as Word exports them. */
function tableRows(r: Report, noise: () => number): { section: number; rows: string[][] }[] {
  const t = templateFor(r.template);
  const fmt = (v: number | null, money = false) => {
    if (v === null) return '';
    const s = String(v);
    const n = noise();
    if (n < 0.05) return s.replace(/[0-9]/g, (d) => String.fromCharCode(d.charCodeAt(0) + 0xfee0)); // full-width digits
    if (n < 0.08 && Math.abs(v) >= 1000 && Number.isInteger(v)) return v.toLocaleString('en-US'); // 1,234
    if (n < 0.1 && v > 0 && Number.isInteger(v) && !money) return `${s}件`;
    return s;
  };
  const label = (official: string) => {
    const n = noise();
    if (n < 0.15) return official.replace(/（/g, '(').replace(/）/g, ')');
    if (n < 0.25) return official.replace(/^(\d)\./, '$1、');
    if (n < 0.3) return official.replace(/^（([一二三四五六七])）/, (_, x: string) => String.fromCharCode('㈠'.charCodeAt(0) + '一二三四五六七'.indexOf(x)));
    return official;
  };
  const out: { section: number; rows: string[][] }[] = [];
  const active: string[][] = [];
  for (const table of t.active) {
    active.push([label(table.heading.official)]);
    active.push([table.rowHeader.official, ...table.columns.map((c) => c.label.official)]);
    for (const row of table.rows) active.push([label(row.label.official), ...table.columns.map((c) => fmt(getNumber(r, `active.${row.key}.${c.key}`), c.unit !== undefined))]);
  }
  out.push({ section: 2, rows: active });
  const a = t.applications;
  const apps: string[][] = [
    [a.corner.official, '申请人情况'],
    ['自然人', '法人或其他组织', '总计'],
    ['商业企业', '科研机构', '社会公益组织', '法律服务机构', '其他'],
  ];
  const outcomes = new Set(outcomeRowPaths(a));
  let opened = false;
  for (const row of a.rows) {
    const subs = 'rows' in row ? row.rows.map((s, k) => ({ path: `${row.key}.${s.key}`, labels: k === 0 ? [row.label.official, s.label.official] : [s.label.official] })) : [{ path: row.key, labels: [row.label.official] }];
    for (const s of subs) {
      const labels = s.labels.map(label);
      if (outcomes.has(s.path) && !opened) {
        labels.unshift(a.outcomeHeader.official);
        opened = true;
      }
      apps.push([...labels, ...a.columns.map((c) => fmt(getNumber(r, `applications.${s.path}.${c.key}`)))]);
    }
  }
  out.push({ section: 3, rows: apps });
  const rv = t.reviews;
  out.push({
    section: 4,
    rows: [
      ['行政复议', '行政诉讼'],
      [...rv.columns.map((c) => c.label.official), '未经复议直接起诉', '复议后起诉'],
      [...rv.columns.map((c) => c.label.official), ...rv.columns.map((c) => c.label.official)],
      rv.groups.flatMap((g) => rv.columns.map((c) => fmt(getNumber(r, `reviews.${g.key}.${c.key}`)))),
    ],
  });
  return out;
}

const toTraditional = OpenCC.Converter({ from: 'cn', to: 'tw' });

/** Writes a report as text in one layout, with the noise real files have (seeded). */
export function renderText(r: Report, layout: GeneratedLayout, seed: number): string {
  const noise = rng(seed ^ 0x5bd1e995);
  const tables = tableRows(r, noise);
  const lines: string[] = [r.meta.title ?? '', ''];
  const pageNumber = () => (noise() < 0.1 ? [`-${1 + Math.floor(noise() * 9)}-`] : []);
  for (const s of r.sections) {
    lines.push(s.heading, '');
    if (s.text) lines.push(s.text, '');
    const table = tables.find((x) => x.section === s.no);
    if (!table) continue;
    for (const row of table.rows) {
      switch (layout) {
        case 'tab-rows':
          // Word's export: wide labels leave a spacer cell, rows may end in a tab.
          lines.push(row.join('\t') + (noise() < 0.3 ? '\t' : ''));
          break;
        case 'cell-lines':
          lines.push(...row.map((c) => `\t${c}`), '');
          break;
        case 'pipe-rows':
          lines.push(`| ${row.join(' | ')} |${noise() < 0.3 ? ' ||' : ''}`);
          break;
        case 'pipe-cells':
          lines.push(...row.map((c) => (c === '' ? '|' : `${c} |`)));
          if (noise() < 0.2) lines.push('||');
          break;
        case 'cell-pipe':
          for (const c of row) lines.push(...(c === '' ? [] : [c]), '|');
          break;
        case 'lines':
          for (const c of row) lines.push(noise() < 0.3 ? ` ${c} ` : c, '');
          break;
      }
      lines.push(...pageNumber());
    }
    lines.push('');
  }
  const text = lines.join('\n');
  return noise() < 0.1 ? toTraditional(text) : text;
}
