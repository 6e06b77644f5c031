// Which format a year's report is in, apart from the formats themselves (a web page asks this of
// the template the API serves, without bundling a copy of it).
import type { TemplateVersion } from './types.ts';

/** The format in force for a report on `year`: 2021's from the 2021 reports on, 2019's for 2019 and 2020. */
export const versionForYear = (year: number): TemplateVersion => (year >= 2021 ? '2021' : '2019');
