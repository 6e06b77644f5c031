// The runtime schema of the report model, built from the template so that keys are declared once.
import { z } from 'zod';
import { isGroup, templateFor, type Template, type TemplateVersion } from '../template/index.ts';
import { MODEL_ID } from './report.ts';

const cell = z.number().nullable();

function rowOf(keys: string[]) {
  return z.strictObject(Object.fromEntries(keys.map((k) => [k, cell])));
}

function reportSchemaFor(t: Template) {
  const active = z.strictObject(
    Object.fromEntries(t.active.flatMap((table) => table.rows.map((r) => [r.key, rowOf(table.columns.map((c) => c.key))]))),
  );
  const appRow = rowOf(t.applications.columns.map((c) => c.key));
  const applications = z.strictObject(
    Object.fromEntries(
      t.applications.rows.map((r) => [r.key, isGroup(r) ? z.strictObject(Object.fromEntries(r.rows.map((s) => [s.key, appRow]))) : appRow]),
    ),
  );
  const reviews = z.strictObject(Object.fromEntries(t.reviews.groups.map((g) => [g.key, rowOf(t.reviews.columns.map((c) => c.key))])));
  return z.strictObject({
    model: z.literal(MODEL_ID),
    template: z.literal(t.version),
    meta: z.strictObject({
      title: z.string().nullable(),
      agency: z.string().nullable(),
      year: z.number().int().nullable(),
      region: z
        .strictObject({ code: z.string().regex(/^\d{6}$/), name: z.string(), province: z.string().nullable(), prefecture: z.string().nullable() })
        .nullable(),
      reviewer: z.string().nullable(),
    }),
    preamble: z.string().nullable(),
    sections: z.array(z.strictObject({ no: z.number().int().min(1).max(6), heading: z.string(), text: z.string() })),
    active,
    applications,
    reviews,
    diagnostics: z.array(
      z.strictObject({
        rule: z.string(),
        severity: z.enum(['error', 'warning', 'info']),
        message: z.string(),
        path: z.string(),
        line: z.number().int().nullable(),
        page: z.number().int().optional(),
      }),
    ),
  });
}

const versions: TemplateVersion[] = ['2021', '2019'];

/** The report model: one of the two template shapes, told apart by `template`. */
export const reportSchema = z.discriminatedUnion('template', [reportSchemaFor(templateFor('2021')), reportSchemaFor(templateFor('2019'))]);

export function reportJsonSchema(): unknown {
  const schema = z.toJSONSchema(reportSchema) as Record<string, unknown>;
  return { $id: 'https://xxgk.invalid/schema/report-1.json', title: `${MODEL_ID} (${versions.join(' | ')})`, ...schema };
}
