// One of the report's tables as the official format prints it, drawn from the template's layout
// (GET /api/v1/template: merged headers, each value cell naming its model path), with the report's
// values and every finding marked on its cell. A form, keyboard first: a value cell is selected
// by a click or the arrow keys and edited by a double click, Enter or typing a digit; Enter saves
// and goes down, Escape cancels; an empty cell is a blank; a block of figures pasted from a
// spreadsheet fills the cells from the selected one. Where the template's 勾稽关系 end at a cell
// (a 总计, a 结转下年度), what the other cells make it is shown there as the clerk types.
import { App, Tooltip } from 'antd';
import { useEffect, useMemo, useRef, useState, type ClipboardEvent, type KeyboardEvent } from 'react';
import type { Diagnostic, Grid, Report } from '../api.ts';
import { getCell } from '../../../src/model/paths.ts';
import { SEVERITY_ZH } from '../labels.ts';
import { layBlock, nextCell, parseBlock, placesOf, type Direction } from '../grid.ts';

const MARK: Record<Diagnostic['severity'], string> = { error: '#fff1f0', warning: '#fffbe6', info: '#e6f4ff' };
const EDGE: Record<Diagnostic['severity'], string> = { error: '#ff4d4f', warning: '#faad14', info: '#1677ff' };

export interface TableProps {
  grid: Grid;
  model: Report;
  findings: Map<string, Diagnostic[]>;
  selected: string | null;
  /** Absent: a table only to read (the public pages): no selection, no keyboard stops in it. */
  onSelect?: (path: string) => void;
  /** Cells changed (one typed, or a block pasted); absent: the table is read-only. */
  onEdit?: (cells: Record<string, number | null>) => void;
  /** What each identity's end cell should be, from the other cells (check/totals.ts expectedTotals). */
  expected?: Map<string, { rule: string; value: number }[]>;
  /** The figure being typed in a cell (undefined: no longer typing), for `expected` as the clerk types. */
  onTyping?: (path: string, value: number | null | undefined) => void;
}

const ARROWS: Record<string, Direction> = { ArrowUp: 'up', ArrowDown: 'down', ArrowLeft: 'left', ArrowRight: 'right' };
const figure = (t: string): number | null | undefined => {
  const v = t.trim() === '' ? null : Number(t.trim());
  return v === null || (Number.isFinite(v) && v >= 0) ? v : undefined;
};

const border = '1px solid #bfbfbf';

export function OfficialTable({ grid, model, findings, selected, onSelect, onEdit, expected, onTyping }: TableProps) {
  const { message } = App.useApp();
  const [editing, setEditing] = useState<{ path: string; text: string } | null>(null);
  const input = useRef<HTMLInputElement>(null);
  const table = useRef<HTMLTableElement>(null);
  const places = useMemo(() => placesOf(grid), [grid]);
  const moveTo = (path: string | null) => {
    if (!path || !onSelect) return;
    onSelect(path);
    table.current?.querySelector<HTMLElement>(`[data-path="${path}"]`)?.focus();
  };
  const type = (path: string, text: string) => {
    setEditing({ path, text });
    onTyping?.(path, figure(text));
  };
  useEffect(() => input.current?.select(), [editing?.path]);
  // The edit being committed, once: Enter commits and unmounts the input, whose blur must not commit it again.
  const open = useRef<string | null>(null);
  useEffect(() => void (open.current = editing?.path ?? null), [editing?.path]);
  const commit = (then?: Direction) => {
    if (!editing || !onEdit || open.current !== editing.path) return;
    open.current = null;
    const t = editing.text.trim();
    setEditing(null);
    onTyping?.(editing.path, undefined);
    const before = getCell(model, editing.path);
    const value = figure(t);
    if (value === undefined) {
      message.warning(`「${t}」不是一个不小于 0 的数：单元格未修改（清空表示该格为空）`);
      return;
    }
    if (value !== before) onEdit({ [editing.path]: value });
    if (then) moveTo(nextCell(places, editing.path, then));
  };
  const keys = (path: string, current: string) => (e: KeyboardEvent) => {
    const arrow = ARROWS[e.key];
    if (arrow) {
      e.preventDefault();
      moveTo(nextCell(places, path, arrow));
      return;
    }
    if (!onEdit) return;
    if (e.key === 'Enter' || e.key === 'F2') {
      e.preventDefault();
      type(path, current);
    } else if (/^[0-9.]$/.test(e.key)) {
      e.preventDefault();
      type(path, e.key);
    } else if (e.key === 'Delete' || e.key === 'Backspace') {
      e.preventDefault();
      if (getCell(model, path) !== null) onEdit({ [path]: null });
    }
  };
  const paste = (path: string) => (e: ClipboardEvent) => {
    if (!onEdit) return;
    e.preventDefault();
    const { cells, bad, outside } = layBlock(places, path, parseBlock(e.clipboardData.getData('text/plain')));
    if (bad.length) {
      message.warning(`粘贴的内容中「${bad.slice(0, 3).join('」「')}」${bad.length > 3 ? `等 ${bad.length} 处` : ''}不是不小于 0 的数：没有粘贴`);
      return;
    }
    const changed = Object.fromEntries(Object.entries(cells).filter(([p, v]) => (getCell(model, p) ?? null) !== v));
    if (outside) message.info(`有 ${outside} 个数超出表格或落在表头上，未粘贴`);
    if (Object.keys(changed).length) onEdit(changed);
  };
  return (
    // A table one walks and selects in is a grid (its cells gridcells, which may be selected).
    <table ref={table} role={onSelect ? 'grid' : undefined} style={{ borderCollapse: 'collapse', width: '100%', fontSize: 13, background: '#fff' }} data-table={grid.id}>
      <caption style={{ captionSide: 'top', textAlign: 'left', fontWeight: 600, padding: '8px 0' }}>{grid.caption}</caption>
      <tbody>
        {grid.rows.map((row, r) => (
          <tr key={r}>
            {row.map((cell, c) => {
              const span = { colSpan: cell.colspan, rowSpan: cell.rowspan };
              if (!cell.path) {
                const Tag = cell.header ? 'th' : 'td';
                return (
                  <Tag key={c} {...span} scope={cell.header === 'row' ? 'row' : cell.header === 'col' ? 'col' : undefined} style={{ border, padding: '4px 6px', background: '#fafafa', fontWeight: 500, textAlign: cell.header === 'row' ? 'left' : 'center' }}>
                    {cell.text}
                  </Tag>
                );
              }
              const path = cell.path;
              const v = getCell(model, path);
              const text = v === null || v === undefined ? '' : String(v);
              const fs = findings.get(path) ?? [];
              const worst = fs[0]?.severity;
              const isSelected = selected === path;
              const content =
                editing?.path === path ? (
                  <input
                    ref={input}
                    aria-label={`修改 ${path}`}
                    value={editing.text}
                    inputMode="decimal"
                    onChange={(e) => type(path, e.target.value)}
                    onBlur={() => commit()}
                    onKeyDown={(e) => {
                      // The cell's own keys (Enter opens an edit) must not see the input's.
                      e.stopPropagation();
                      if (e.key === 'Enter') commit('down');
                      if (e.key === 'Escape') {
                        open.current = null;
                        setEditing(null);
                        onTyping?.(path, undefined);
                        moveTo(path);
                      }
                    }}
                    style={{ width: '100%', minWidth: 40, textAlign: 'right', font: 'inherit', border: 'none', outline: '2px solid #1677ff' }}
                  />
                ) : (
                  <>
                    {text || '\u00a0'}
                    <Should want={expected?.get(path)} value={v ?? null} />
                  </>
                );
              const td = (
                <td
                  key={c}
                  {...span}
                  tabIndex={onSelect ? 0 : undefined}
                  data-path={path}
                  data-severity={worst ?? undefined}
                  aria-selected={onSelect ? isSelected : undefined}
                  onClick={onSelect && (() => onSelect(path))}
                  onDoubleClick={() => onEdit && type(path, text)}
                  onKeyDown={keys(path, text)}
                  onPaste={paste(path)}
                  style={{
                    border,
                    padding: '4px 6px',
                    textAlign: 'right',
                    minWidth: 44,
                    cursor: onEdit ? 'cell' : onSelect ? 'pointer' : undefined,
                    background: worst ? MARK[worst] : undefined,
                    boxShadow: isSelected ? 'inset 0 0 0 2px #1677ff' : worst ? `inset 0 -2px 0 ${EDGE[worst]}` : undefined,
                  }}
                >
                  {content}
                </td>
              );
              if (!fs.length || editing?.path === path) return td;
              return (
                <Tooltip key={c} title={fs.map((f, i) => <div key={i}>{`${SEVERITY_ZH[f.severity]}：${f.message}`}</div>)}>
                  {td}
                </Tooltip>
              );
            })}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** Under a cell the 勾稽关系 end at: what the other cells make it — grey where it is blank, red where it differs. */
function Should({ want, value }: { want: { rule: string; value: number }[] | undefined; value: number | null }) {
  if (!want?.length) return null;
  const values = [...new Set(want.map((w) => w.value))];
  if (value !== null && values.every((w) => w === value)) return null;
  const differs = value !== null;
  return (
    <div data-testid="should" data-rule={want.map((w) => w.rule).join(' ')} style={{ fontSize: 11, lineHeight: 1.2, color: differs ? '#cf1322' : '#595959', whiteSpace: 'nowrap' }}>
      {differs ? '应为 ' : '= '}
      {values.join(' / ')}
    </div>
  );
}
