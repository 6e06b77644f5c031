// One of the report's tables as the official format prints it, drawn from the template's layout
// (GET /api/v1/template: merged headers, each value cell naming its model path), with the report's
// values and every finding marked on its cell. A value cell is selected by a click and edited by a
// double click, Enter or typing a digit; Enter saves, Escape cancels; an empty cell is a blank.
import { App, Tooltip } from 'antd';
import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import type { Diagnostic, Grid, Report } from '../api.ts';
import { getCell } from '../../../src/model/paths.ts';
import { SEVERITY_ZH } from '../labels.ts';

const MARK: Record<Diagnostic['severity'], string> = { error: '#fff1f0', warning: '#fffbe6', info: '#e6f4ff' };
const EDGE: Record<Diagnostic['severity'], string> = { error: '#ff4d4f', warning: '#faad14', info: '#1677ff' };

export interface TableProps {
  grid: Grid;
  model: Report;
  findings: Map<string, Diagnostic[]>;
  selected: string | null;
  onSelect: (path: string) => void;
  /** Absent: the table is read-only. */
  onEdit?: (path: string, value: number | null) => void;
}

const border = '1px solid #bfbfbf';

export function OfficialTable({ grid, model, findings, selected, onSelect, onEdit }: TableProps) {
  const { message } = App.useApp();
  const [editing, setEditing] = useState<{ path: string; text: string } | null>(null);
  const input = useRef<HTMLInputElement>(null);
  useEffect(() => input.current?.select(), [editing?.path]);
  // The edit being committed, once: Enter commits and unmounts the input, whose blur must not commit it again.
  const open = useRef<string | null>(null);
  useEffect(() => void (open.current = editing?.path ?? null), [editing?.path]);
  const commit = () => {
    if (!editing || !onEdit || open.current !== editing.path) return;
    open.current = null;
    const t = editing.text.trim();
    setEditing(null);
    const before = getCell(model, editing.path);
    const value = t === '' ? null : Number(t);
    if (value !== null && (!Number.isFinite(value) || value < 0)) {
      message.warning(`「${t}」不是一个不小于 0 的数：单元格未修改（清空表示该格为空）`);
      return;
    }
    if (value !== before) onEdit(editing.path, value);
  };
  const keys = (path: string, current: string) => (e: KeyboardEvent) => {
    if (!onEdit) return;
    if (e.key === 'Enter' || e.key === 'F2') {
      e.preventDefault();
      setEditing({ path, text: current });
    } else if (/^[0-9]$/.test(e.key)) {
      e.preventDefault();
      setEditing({ path, text: e.key });
    } else if (e.key === 'Delete' || e.key === 'Backspace') {
      e.preventDefault();
      if (getCell(model, path) !== null) onEdit(path, null);
    }
  };
  return (
    <table style={{ borderCollapse: 'collapse', width: '100%', fontSize: 13, background: '#fff' }} data-table={grid.id}>
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
                    onChange={(e) => setEditing({ path, text: e.target.value })}
                    onBlur={commit}
                    onKeyDown={(e) => {
                      // The cell's own keys (Enter opens an edit) must not see the input's.
                      e.stopPropagation();
                      if (e.key === 'Enter') commit();
                      if (e.key === 'Escape') {
                        open.current = null;
                        setEditing(null);
                      }
                    }}
                    style={{ width: '100%', minWidth: 40, textAlign: 'right', font: 'inherit', border: 'none', outline: '2px solid #1677ff' }}
                  />
                ) : (
                  text || '\u00a0'
                );
              const td = (
                <td
                  key={c}
                  {...span}
                  tabIndex={0}
                  data-path={path}
                  data-severity={worst ?? undefined}
                  aria-selected={isSelected}
                  onClick={() => onSelect(path)}
                  onDoubleClick={() => onEdit && setEditing({ path, text })}
                  onKeyDown={keys(path, text)}
                  style={{
                    border,
                    padding: '4px 6px',
                    textAlign: 'right',
                    minWidth: 44,
                    cursor: onEdit ? 'cell' : 'pointer',
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
