// Which format a document's tables follow, from the labels only one of the two versions prints.
import { TEMPLATES, wordings, type Template, type TemplateVersion } from '../template/index.ts';
import type { Item } from './items.ts';
import { labelKey, withoutNote } from './normalize.ts';

function activeKeys(t: Template): Set<string> {
  const keys = new Set<string>();
  for (const table of t.active) {
    for (const l of [table.heading, ...table.columns.map((c) => c.label), ...table.rows.map((r) => r.label)]) {
      for (const w of wordings(l)) keys.add(labelKey(w));
    }
  }
  return keys;
}

let distinctive: Map<string, TemplateVersion> | null = null;

function distinctiveKeys(): Map<string, TemplateVersion> {
  if (!distinctive) {
    distinctive = new Map();
    const a = activeKeys(TEMPLATES['2021']);
    const b = activeKeys(TEMPLATES['2019']);
    for (const k of a) if (!b.has(k)) distinctive.set(k, '2021');
    for (const k of b) if (!a.has(k)) distinctive.set(k, '2019');
  }
  return distinctive;
}

/** The version whose distinctive section 二 labels the document prints more of; null when it prints none. */
export function detectVersion(items: Item[]): TemplateVersion | null {
  const keys = distinctiveKeys();
  let v2021 = 0;
  let v2019 = 0;
  for (const it of items) {
    // Section 二 labels are short; long cells (prose) need no key for this.
    if (it.value || it.text.length > 40) continue;
    const key = it.key;
    const short = withoutNote(key);
    // withoutNote gives the key itself for most cells: no second look-up for them.
    const v = keys.get(key) ?? (short !== key ? keys.get(short) : undefined);
    if (v === '2021') v2021++;
    else if (v === '2019') v2019++;
  }
  if (v2021 === v2019) return null;
  return v2021 > v2019 ? '2021' : '2019';
}
