// Document + template → Report + SourceMap. Written once for every reader: a fix here helps
// text, HTML, DOCX and PDF alike.
import type { ReadReport } from './source.ts';
import type { Document } from '../read/document.ts';
import { templateFor, versionForYear, type Template, type TemplateVersion } from '../template/index.ts';
import { itemsOf, type Item } from './items.ts';
import { joinLines, type PrintedLine } from '../model/paragraphs.ts';
import { findAgency, findReviewer, findTitle, findYears, type TitleFound } from './meta.ts';
import { resolveRegion } from './region.ts';
import { findHeadings, findSubheadings, type FoundHeading } from './sections.ts';
import type { SourceMap } from './source.ts';
import { detectVersion } from './version.ts';
import { finishActive, mapActive } from './active.ts';
import { firstApplicationsLabel, mapApplications } from './applications.ts';
import { firstReviewsLabel, mapReviews } from './reviews.ts';
import { newContext, type Span } from './tables.ts';

export interface MapResult extends ReadReport {
  /** False when the document has neither a section heading nor a table: it is not a report. */
  looksLikeReport: boolean;
}

function emptySource(file: string, doc: Document): SourceMap {
  return {
    file,
    document: { format: doc.format, layout: doc.layout, messages: [...doc.messages], ...(doc.ocrConfidence !== undefined ? { ocrConfidence: doc.ocrConfidence } : {}) },
    cells: new Map(),
    labels: [],
    headings: [],
    subheadings: [],
    tables: {},
    missingRows: [],
    missingColumns: [],
    title: null,
    years: { title: null, period: null, body: null, bodyLine: null },
    sectionLines: {},
  };
}

/** Where sections 二, 三, 四 and 五 begin: their heading, or the first label of their table. */
function regions(items: Item[], t: Template, headings: FoundHeading[]) {
  const at = (no: number) => headings.find((h) => h.no === no)?.item ?? -1;
  const end = items.length;
  let s2 = at(2);
  let s5 = at(5);
  if (s5 < 0) s5 = at(6) >= 0 ? at(6) : end;
  let s3 = at(3);
  const s3Label = firstApplicationsLabel(items, t, Math.max(s2, 0), s5);
  if (s3 < 0 || (s3Label >= 0 && s3Label < s3)) s3 = s3Label;
  let s4 = at(4);
  if (s4 < 0) s4 = firstReviewsLabel(items, t, Math.max(s3, s2, 0), s5);
  if (s3 < 0) s3 = s4 >= 0 ? s4 : s5;
  if (s4 < 0) s4 = s5;
  if (s2 < 0) s2 = 0;
  return { s2, s3, s4, s5 };
}

export function mapDocument(doc: Document, file: string, hint?: { year?: number }): MapResult {
  const items = itemsOf(doc);
  const source = emptySource(file, doc);
  // The sections and their order are the same in both versions: find them with either.
  const headings = findHeadings(items, templateFor('2021'));
  source.headings = headings.map(({ item: _, ...h }) => h);

  const firstHeading = headings.length ? headings[0].item : 12;
  const title = findTitle(items, firstHeading);
  source.title = title;
  const prose = items.filter((it) => it.alone && !it.tableRow && it.text.length >= 6);
  source.years = findYears(title?.text ?? null, prose);
  const year = source.years.title ?? source.years.period ?? source.years.body ?? hint?.year ?? null;

  const version: TemplateVersion = detectVersion(items) ?? (year !== null ? versionForYear(year) : '2021');
  const template = templateFor(version);
  const r = regions(items, template, headings);
  const ctx = newContext(items, template, source);
  mapActive(ctx, r.s2, r.s3);
  finishActive(ctx);
  mapApplications(ctx, r.s3, r.s4);
  mapReviews(ctx, r.s4, r.s5);

  const report = ctx.report;
  report.sections = sectionTexts(items, headings, ctx.spans, source);
  report.preamble = preambleText(items, headings, title, ctx.spans);
  const sub = headings.find((h) => h.no === 1);
  if (sub) {
    const next = headings.find((h) => h.no > 1)?.item ?? items.length;
    source.subheadings = findSubheadings(items, sub.item + 1, next, template);
  }
  const agency = findAgency(title?.text ?? null, items);
  report.meta = {
    title: title ? title.text.replace(/\s+/g, ' ').trim() : null,
    agency,
    year,
    region: resolveRegion(agency, () => prose.slice(0, 200).map((p) => p.text).join('\n')),
    reviewer: findReviewer(prose),
  };
  const anyTable = Object.values(source.tables).some((t) => t.found);
  return { report, source, looksLikeReport: anyTable || headings.length >= 2 };
}

/** Whether item i is a line of prose: alone on its row, not a value (unless it continues a line), not a table row, not inside a table. */
function proseTest(items: Item[], spans: Span[]) {
  return (i: number) => {
    const it = items[i];
    // A soft-wrapped line that starts with a figure (`100%。`) is the rest of a sentence.
    return it.alone && !it.tableRow && (!it.value || it.wrap === true) && !spans.some(([a, b]) => i >= a && i < b);
  };
}

/** The paragraphs of items [from, to) that pass `keep`: soft line breaks (Item.wrap) joined. */
function paragraphText(items: Item[], from: number, to: number, keep: (i: number) => boolean): string {
  const lines: PrintedLine[] = [];
  let lastRow = -2;
  for (let i = from; i < to; i++) {
    if (!keep(i)) continue;
    const it = items[i];
    // A soft break joins only the row right before: a table or a dropped line between ends the paragraph.
    lines.push({ text: it.text, wrap: it.wrap === true && it.row === lastRow + 1 });
    lastRow = it.row;
  }
  return joinLines(lines).join('\n');
}

/**
 * The preamble: the prose between the title and the first section heading (本报告由…编制。…),
 * without the title's own lines and the reviewer line, which are meta.
 */
function preambleText(items: Item[], headings: FoundHeading[], title: TitleFound | null, spans: Span[]): string | null {
  if (!headings.length) return null;
  const end = headings[0].item;
  const squeeze = (s: string) => s.replace(/\s+/g, '');
  const whole = title ? squeeze(title.text) : '';
  let start = 0;
  if (whole) for (let i = 0; i < end; i++) if (items[i].alone && whole.includes(squeeze(items[i].text)) && squeeze(items[i].text)) start = i + 1;
  const prose = proseTest(items, spans);
  const text = paragraphText(items, start, end, (i) => prose(i) && !/^\s*审核人\s*[:：]/.test(items[i].text));
  return text === '' ? null : text;
}

/** Each found section's text: its lines that are not part of a table, as paragraphs. */
function sectionTexts(items: Item[], headings: FoundHeading[], spans: Span[], source: SourceMap) {
  const prose = proseTest(items, spans);
  return headings.map((h, k) => {
    const end = k + 1 < headings.length ? headings[k + 1].item : items.length;
    source.sectionLines[h.no] = h.line;
    return { no: h.no, heading: h.printed.trim(), text: paragraphText(items, h.item + 1, end, prose) };
  });
}
