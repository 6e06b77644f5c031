// A report with every cell null, shaped by a template: the starting point of readers and `xxgk new`.
import { cellsOf, templateFor, type TemplateVersion } from '../template/index.ts';
import { setCell } from './paths.ts';
import { MODEL_ID, type Report } from './report.ts';

const cache = new Map<TemplateVersion, string>();

export function blankReport(version: TemplateVersion): Report {
  let json = cache.get(version);
  if (!json) {
    json = JSON.stringify(buildBlank(version));
    cache.set(version, json);
  }
  // Readers make one per document: a parse of the cached shape is cheaper than building it.
  return JSON.parse(json) as Report;
}

function buildBlank(version: TemplateVersion): Report {
  const report: Report = {
    model: MODEL_ID,
    template: version,
    meta: { title: null, agency: null, year: null, region: null, reviewer: null },
    sections: [],
    active: {},
    applications: {},
    reviews: {},
    diagnostics: [],
  };
  for (const cell of cellsOf(templateFor(version))) setCell(report, cell.path, null);
  return report;
}
