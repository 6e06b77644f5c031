// Matching printed labels to the template's: exact wordings first, then the same words with
// other numbering or a trailing note, then (last) a close spelling, which is reported.
import { detached } from '../util/strings.ts';
import type { Label } from '../template/index.ts';
import type { LabelMatch } from './source.ts';
import { coreOf, labelKey, numberingOf, similarity, undouble, withoutNote } from './normalize.ts';

export interface LabelHit<T> {
  target: T;
  match: LabelMatch;
  official: string;
}

interface Entry<T> {
  target: T;
  official: string;
  /** Keys of the official wording and every variant, with whether the variant is flagged. */
  keys: { key: string; core: string; numbering: string; match: LabelMatch }[];
}

/** Below this similarity a printed label is not taken for a template label. */
const FUZZY = 0.8;
/** A numbered sub-row (`2.其他法律行政止公开`) whose number fits may be spelt less closely. */
const FUZZY_NUMBERED = 0.6;

export class LabelIndex<T> {
  private exact = new Map<string, LabelHit<T>>();
  private cores = new Map<string, Entry<T>[]>();
  private entries: Entry<T>[] = [];

  constructor(labels: { label: Label; target: T }[]) {
    for (const { label, target } of labels) {
      const texts: { text: string; match: LabelMatch }[] = [
        { text: label.official, match: 'exact' },
        ...(label.variants ?? []).map((v) => ({ text: v.text, match: (v.flag ? 'flagged' : 'variant') as LabelMatch })),
      ];
      const entry: Entry<T> = { target, official: label.official, keys: [] };
      for (const { text, match } of texts) {
        const key = labelKey(text);
        const core = coreOf(key);
        entry.keys.push({ key, core, numbering: numberingOf(key), match });
        if (!this.exact.has(key)) this.exact.set(key, { target, match, official: label.official });
        const list = this.cores.get(core) ?? [];
        if (!list.includes(entry)) list.push(entry);
        this.cores.set(core, list);
      }
      this.entries.push(entry);
    }
  }

  /**
   * Finds the template label a printed key stands for, or null. `context.prefer` breaks ties
   * between labels with the same words (the numbered sub-rows of the current group); `context.id`
   * names that preference for the memo.
   */
  match(key: string, context?: { id: string; prefer: (t: T) => boolean }): LabelHit<T> | null {
    if (!key) return null;
    if (key.length > 60) {
      // Only a short label with a long note can be this long.
      const short = withoutNote(key);
      if (short === key || short.length > 60) return null;
      key = short;
    }
    const hit = this.exact.get(key);
    if (hit) return hit;
    // The same printed labels recur in every report: remember the slow answers (bounded), per context.
    const id = context?.id ?? '';
    let memo = this.memo.get(id);
    if (!memo || memo.size > 20_000) {
      memo = new Map();
      this.memo.set(id, memo);
    }
    const known = memo.get(key);
    if (known !== undefined) return known;
    const found = this.slowMatch(key, context?.prefer);
    memo.set(detached(key), found);
    return found;
  }

  private memo = new Map<string, Map<string, LabelHit<T> | null>>();

  private slowMatch(key: string, prefer?: (t: T) => boolean): LabelHit<T> | null {
    for (const k of new Set([undouble(key), withoutNote(key), withoutNote(undouble(key))])) {
      if (k === key) continue;
      const h = this.exact.get(k);
      if (h) return { ...h, match: h.match === 'flagged' ? 'flagged' : 'variant' };
    }
    // The same words under another numbering style (or none): silent. A bare short word
    // (`其他`, `总计`) is a column header, not the numbered row that ends in it.
    const core = coreOf(undouble(key));
    if (core === key && core.length <= 2) return null;
    const byCore = this.cores.get(core) ?? this.cores.get(withoutNote(core));
    if (byCore?.length) {
      const entry = (prefer && byCore.find((e) => prefer(e.target))) || byCore[0];
      const k = entry.keys.find((x) => x.core === core || x.core === withoutNote(core)) ?? entry.keys[0];
      return { target: entry.target, match: k.match === 'flagged' ? 'flagged' : 'variant', official: entry.official };
    }
    return this.fuzzy(key, prefer);
  }

  private fuzzy(key: string, prefer?: (t: T) => boolean): LabelHit<T> | null {
    const numbering = numberingOf(key);
    const core = coreOf(key);
    // A fragment (a label cut by a page break: `法提供`) is not a misspelling.
    if (core.length < 4) return null;
    let best: { entry: Entry<T>; score: number } | null = null;
    for (const entry of this.entries) {
      for (const k of entry.keys) {
        if (Math.abs(k.core.length - core.length) > Math.max(4, k.core.length / 2)) continue;
        const numbered = numbering !== '' && numbering === k.numbering && (!prefer || prefer(entry.target));
        const score = similarity(core, k.core);
        if (score >= (numbered ? FUZZY_NUMBERED : FUZZY) && (!best || score > best.score)) best = { entry, score };
      }
    }
    return best ? { target: best.entry.target, match: 'fuzzy', official: best.entry.official } : null;
  }
}
