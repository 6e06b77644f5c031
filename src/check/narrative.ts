// Reading the narrative: sentences, for the rules that compare what the text says with the tables.
import type { Section } from '../model/report.ts';
import type { RuleContext } from './rule.ts';

/** Splits a section's text into sentences (。！？；and line ends). */
export function sentences(text: string): string[] {
  return text
    .split(/(?<=[。！？!?；;])|\n/)
    .map((s) => s.trim())
    .filter(Boolean);
}

const split = new WeakMap<RuleContext, Map<Section, string[]>>();

/**
 * A section's sentences, split once a check (a context is one check of one report): section 一
 * and others are read by both narrative rules.
 */
export function sentencesOf(ctx: RuleContext, sec: Section): string[] {
  let m = split.get(ctx);
  if (!m) split.set(ctx, (m = new Map()));
  let s = m.get(sec);
  if (!s) m.set(sec, (s = sentences(sec.text)));
  return s;
}
