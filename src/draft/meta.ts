// The meta of a report xxgk drafts itself (`xxgk new`, `xxgk sum`): the agency and year it is for,
// the format's title, and the region resolved from the agency's name.
import { resolveRegion } from '../map/region.ts';
import type { Meta } from '../model/report.ts';
import { officialTitle } from '../template/index.ts';

export function draftMeta(agency: string, year: number): Meta {
  return { title: officialTitle(agency, year), agency, year, region: resolveRegion(agency, ''), reviewer: null };
}
