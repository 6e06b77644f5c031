// Changing a stored report from a page: each change one PATCH (a new version, checked again at
// once), what appeared and what cleared said in one notification that replaces the last, and
// cell changes undone in reverse order. Changes go one after another in the order they were made
// (a clerk typing on does not wait for the last save, nor is a figure lost to it). The report
// page and the form share it.
import { App, Tag } from 'antd';
import { useCallback, useEffect, useRef, useState } from 'react';
import { api, getTemplate, messageOf, type ReportDetail, type TemplateData } from './api.ts';
import { findingsDiff } from './findings.ts';
import { SEVERITY_COLOR } from './labels.ts';
import { getCell } from '../../src/model/paths.ts';

export interface Change {
  cells?: Record<string, number | null>;
  sections?: Record<string, string>;
}

export function useEdits(report: ReportDetail | null, setReport: (r: ReportDetail) => void, saved?: () => void) {
  const { message, notification } = App.useApp();
  const [undo, setUndo] = useState<Record<string, number | null>[]>([]);
  const [pending, setPending] = useState(0);
  // The report as the last save left it, for the next save queued behind it.
  const latest = useRef(report);
  if (pending === 0) latest.current = report;
  const queue = useRef<Promise<unknown>>(Promise.resolve());
  const save = (change: Change, reason: string, isUndo = false): Promise<boolean> => {
    setPending((n) => n + 1);
    const run = queue.current.then(() => saveNow(change, reason, isUndo)).finally(() => setPending((n) => n - 1));
    queue.current = run;
    return run;
  };
  const saveNow = async (change: Change, reason: string, isUndo: boolean): Promise<boolean> => {
    const report = latest.current;
    if (!report) return false;
    const before = Object.fromEntries(Object.keys(change.cells ?? {}).map((p) => [p, getCell(report.model, p) ?? null]));
    try {
      const after = await api.patch<ReportDetail>(`/reports/${report.id}`, { ...change, reason });
      const { appeared, cleared } = findingsDiff(report.findings, after.findings);
      latest.current = after;
      setReport(after);
      if (isUndo) setUndo((u) => u.slice(0, -1));
      else if (change.cells) setUndo((u) => [...u, before]);
      notification.info({
        key: 'edit-result',
        message: `已保存为第 ${after.version.number} 版`,
        description: (
          <div data-testid="edit-result">
            {appeared.map((d, i) => (
              <div key={`a${i}`}>
                <Tag color={SEVERITY_COLOR[d.severity]}>新出现</Tag>
                {d.message}
              </div>
            ))}
            {cleared.map((d, i) => (
              <div key={`c${i}`}>
                <Tag color="green">已消除</Tag>
                {d.message}
              </div>
            ))}
            {!appeared.length && !cleared.length && '检查结果没有变化'}
          </div>
        ),
      });
      saved?.();
      return true;
    } catch (e) {
      message.error(messageOf(e));
      return false;
    }
  };
  const reset = useCallback(() => setUndo([]), []);
  return {
    /** Changes not yet saved. */
    busy: pending > 0,
    save,
    editCells: (cells: Record<string, number | null>) => save({ cells }, Object.keys(cells).length > 1 ? `在网页上粘贴 ${Object.keys(cells).length} 个单元格` : '在网页上修改单元格'),
    canUndo: undo.length > 0,
    undo: () => undo.length && save({ cells: undo[undo.length - 1] }, '撤销上一次修改', true),
    reset,
  };
}

/** A stored report and the template to draw it, loaded afresh when `id` changes, with its edits (useEdits). */
export function useStoredReport(id: number, saved?: () => void) {
  const [report, setReport] = useState<ReportDetail | null>(null);
  const [template, setTemplate] = useState<TemplateData | null>(null);
  const [error, setError] = useState<string | null>(null);
  const edits = useEdits(report, setReport, saved);
  const { reset } = edits;
  useEffect(() => {
    setReport(null);
    setError(null);
    reset();
    Promise.all([api.get<ReportDetail>(`/reports/${id}`), getTemplate()]).then(
      ([r, t]) => {
        setReport(r);
        setTemplate(t);
      },
      (e) => setError(messageOf(e)),
    );
  }, [id, reset]);
  return { report, setReport, template, error, edits };
}
