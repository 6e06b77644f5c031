// A report with every cell null, shaped by a template: the starting point of readers and `xxgk new`.
import { cellsOf, templateFor, type TemplateVersion } from '../template/index.ts';
import { setCell } from './paths.ts';
import { MODEL_ID, type Report } from './report.ts';

const factories = new Map<TemplateVersion, () => Report>();

export function blankReport(version: TemplateVersion): Report {
  let make = factories.get(version);
  if (!make) {
    // Readers make one per document: an object literal of the template's shape, compiled once,
    // is cheaper than building the report cell by cell or parsing it from JSON.
    make = new Function(`return ${JSON.stringify(buildBlank(version))};`) as () => Report;
    factories.set(version, make);
  }
  return make();
}

function buildBlank(version: TemplateVersion): Report {
  const report: Report = {
    model: MODEL_ID,
    template: version,
    meta: { title: null, agency: null, year: null, region: null, reviewer: null },
    preamble: null,
    sections: [],
    active: {},
    applications: {},
    reviews: {},
    diagnostics: [],
  };
  for (const cell of cellsOf(templateFor(version))) setCell(report, cell.path, null);
  return report;
}
