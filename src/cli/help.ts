// Help in Chinese for every command, with its columns aligned: set once on the program, and
// inherited by every command made from it (Commander copies the help configuration to subcommands).
import type { HelpConfiguration } from 'commander';
import stringWidth from 'string-width';

const TITLES: Record<string, string> = { 'Usage:': '用法：', 'Options:': '选项：', 'Arguments:': '参数：', 'Commands:': '命令：', 'Global Options:': '全局选项：' };

/** Commander's placeholders in usage lines and command terms, in Chinese. */
const placeholders = (s: string) => s.replace('[options]', '[选项]').replace('[command]', '[命令]');

/** `（可选：…；默认：…）` after a description, as Commander appends `(choices: …, default: …)`. */
function withExtras(description: string, choices: readonly string[] | undefined, value: unknown): string {
  const shown = value === undefined || typeof value === 'boolean' || (Array.isArray(value) && value.length === 0) ? '' : String(value);
  const extra = [choices ? `可选：${choices.join('、')}` : '', shown ? `默认：${shown}` : ''].filter(Boolean);
  if (!extra.length) return description;
  // Inside the description's own closing bracket where it ends with one: （…；可选：…）, not （…）（…）.
  return description.endsWith('）') ? `${description.slice(0, -1)}；${extra.join('；')}）` : `${description}（${extra.join('；')}）`;
}

// Where a line may break. Commander wraps at whitespace only, and Chinese has none, so a whole
// sentence was one unbreakable word (or broke at the one space in it, `；-⏎表示标准输入`). Here a
// line may break before any CJK character, and between words as before; closing punctuation stays
// with the character before it and opening brackets with the one after (no line starts with ，or
// ends with （). Hand-written: the rule is these three character classes, too small for a library.
const CJK = '\\u2e80-\\u9fff\\u3000-\\u303f\\uff00-\\uffef';
const CLOSE = '，。、；：！？）》」』〕】';
const OPEN = '（《「『〔【';
const CHUNK = new RegExp(`\\s*[${OPEN}]*(?:[${CJK}]|[^\\s${CJK}]+)[${CLOSE}]*`, 'gu');

const MIN_WIDTH = 40;

/** `text` wrapped to `width` terminal columns (its own line breaks kept). */
export function wrapChinese(text: string, width: number): string {
  // As Commander: too narrow a width (a terminal that says 0 columns) is no width to wrap to.
  if (width < MIN_WIDTH) return text;
  const out: string[] = [];
  for (const line of text.split(/\r?\n/)) {
    let current = '';
    for (const chunk of line.match(CHUNK) ?? []) {
      if (current && stringWidth(current + chunk) > width) {
        out.push(current);
        current = chunk.trimStart();
      } else current += chunk;
    }
    out.push(current);
  }
  return out.join('\n');
}

export const HELP_ZH: HelpConfiguration = {
  // A Chinese character takes two columns of a terminal: Commander pads by this width, so the
  // descriptions line up (by string length they were a column off per character).
  displayWidth: (s) => stringWidth(s),
  boxWrap: wrapChinese,
  styleTitle: (s) => TITLES[s] ?? s,
  styleUsage: placeholders,
  styleSubcommandTerm: placeholders,
  optionDescription: (o) => withExtras(o.description, o.argChoices, o.defaultValue),
  argumentDescription: (a) => withExtras(a.description, a.argChoices, a.defaultValue),
};
