// 填报: a report written as a form laid out as the official tables. Keyboard first (the arrows,
// Enter, typing a digit, pasting a block from Excel: OfficialTable), every change saved at once
// as a new version and checked again, the 总计 and 结转 relations shown on their cells as the
// clerk types (the template's identities, check/totals.ts), the six sections' text saved as it is
// written (a pause or leaving the box), and the findings beside, each a click from its cell.
import { CalculatorOutlined, EyeOutlined, UndoOutlined } from '@ant-design/icons';
import { Alert, Badge, Button, Card, Col, Input, Result, Row, Space, Spin, Tag, Typography } from 'antd';
import { useEffect, useMemo, useRef, useState } from 'react';
import { Link, useLocation, useParams } from 'react-router';
import type { Diagnostic } from '../api.ts';
import { expectedTotals } from '../../../src/check/totals.ts';
import { getCell, setCell } from '../../../src/model/paths.ts';
import { FindingList } from '../components/FindingList.tsx';
import { OfficialTable } from '../components/OfficialTable.tsx';
import { useStoredReport } from '../edits.tsx';
import { findingsByCell, layoutPaths } from '../findings.ts';
import { sectionHeading, STATUS_COLOR } from '../labels.ts';
import { useSession } from '../session.tsx';

/** A pause this long in a section's text saves it. */
const TEXT_PAUSE_MS = 1500;

export function WritePage() {
  const id = Number(useParams().id);
  const notes = (useLocation().state as { notes?: string[] } | null)?.notes ?? [];
  const { session } = useSession();
  const { report, template, error, edits } = useStoredReport(id);
  const [selected, setSelected] = useState<string | null>(null);
  const [typing, setTyping] = useState<{ path: string; value: number | null } | null>(null);

  const grids = report && template ? template.layouts[report.template] : [];
  const paths = useMemo(() => layoutPaths(grids), [grids]);
  const byCell = useMemo(() => (report ? findingsByCell(report.findings, paths) : new Map<string, Diagnostic[]>()), [report, paths]);
  // The relations over the model as it would be with the figure being typed.
  const expected = useMemo(() => {
    if (!report || !template) return new Map<string, { rule: string; value: number }[]>();
    let model = report.model;
    if (typing) {
      model = structuredClone(model);
      setCell(model, typing.path, typing.value);
    }
    return expectedTotals(template.versions[report.template], model);
  }, [report, template, typing]);

  if (error) return <Result status="warning" title="无法打开这份报告" subTitle={error} />;
  if (!report || !template || !session) return <Spin size="large" tip="正在读取报告…"><div style={{ height: 300 }} /></Spin>;
  const editable = session.may.includes('report.edit') && (report.status === 'draft' || report.status === 'returned');

  // Every total the relations can give that is blank or differs, in one change (run again until
  // nothing moves: a 结转下年度 follows from a 总计 filled in the same pass).
  const fillTotals = () => {
    const model = structuredClone(report.model);
    const cells: Record<string, number> = {};
    for (let round = 0; round < 4; round++) {
      let moved = false;
      for (const [path, want] of expectedTotals(template.versions[report.template], model)) {
        const values = new Set(want.map((w) => w.value));
        if (values.size !== 1) continue;
        const [v] = values;
        if (cells[path] === v) continue;
        if (getCell(model, path) === v) continue;
        cells[path] = v;
        setCell(model, path, v);
        moved = true;
      }
      if (!moved) break;
    }
    if (Object.keys(cells).length) void edits.save({ cells }, `按勾稽关系填写 ${Object.keys(cells).length} 个合计`);
  };
  const jump = (f: Diagnostic) => {
    const cell = paths.find((p) => byCell.get(p)?.includes(f));
    if (!cell) return;
    setSelected(cell);
    const el = document.querySelector<HTMLElement>(`[data-path="${cell}"]`);
    el?.scrollIntoView({ block: 'center' });
    el?.focus();
  };
  const heading = (no: number | null) => sectionHeading(template.versions[report.template], no);
  const errors = report.findings.filter((f) => f.severity === 'error').length;

  return (
    <>
      <Space align="center" wrap style={{ marginBottom: 12 }}>
        <Typography.Title level={3} style={{ margin: 0 }}>
          填报：{report.agency ?? ''} {report.year ?? ''} 年度
        </Typography.Title>
        <Tag color={STATUS_COLOR[report.status]}>{session.statuses[report.status]}</Tag>
        <Typography.Text type="secondary" data-testid="saved-version">
          已保存第 {report.version.number} 版
        </Typography.Text>
        {editable && (
          <>
            <Button icon={<UndoOutlined />} disabled={!edits.canUndo || edits.busy} onClick={() => void edits.undo()}>
              撤销
            </Button>
            <Button icon={<CalculatorOutlined />} disabled={edits.busy} onClick={fillTotals}>
              按勾稽关系填写合计
            </Button>
          </>
        )}
        <Link to={`/reports/${id}`}>
          <Button icon={<EyeOutlined />}>审阅视图</Button>
        </Link>
      </Space>
      {notes.map((n) => (
        <Alert key={n} type="info" showIcon message={n} style={{ marginBottom: 8 }} />
      ))}
      {!editable && <Alert type="warning" showIcon style={{ marginBottom: 12 }} message={`报告当前为「${session.statuses[report.status]}」，只有草稿或已退回的报告可以修改`} />}
      <Typography.Paragraph type="secondary">方向键移动，回车或直接输入数字开始填写，回车保存并下移，Esc 取消，Delete 清空；可从 Excel 复制一块数字粘贴到所选单元格起的区域。合计格下方显示按勾稽关系应填的数。</Typography.Paragraph>
      <Row gutter={16}>
        <Col xs={24} xl={17}>
          {[...new Set(grids.map((g) => g.section))].map((no) => (
            <Card key={String(no)} size="small" title={heading(no)} style={{ marginBottom: 16, overflowX: 'auto' }}>
              {grids
                .filter((g) => g.section === no)
                .map((g) => (
                  <OfficialTable
                    key={g.id}
                    grid={g}
                    model={report.model}
                    findings={byCell}
                    selected={selected}
                    onSelect={setSelected}
                    onEdit={editable ? (cells) => void edits.editCells(cells) : undefined}
                    expected={expected}
                    onTyping={(path, value) => setTyping(value === undefined ? null : { path, value })}
                  />
                ))}
            </Card>
          ))}
          <Card size="small" title="正文" style={{ marginBottom: 16 }}>
            {report.model.sections.map((s) => (
              <SectionText key={`${report.id}-${s.no}`} no={s.no} heading={s.heading ?? heading(s.no)} text={s.text ?? ''} disabled={!editable} save={(text) => edits.save({ sections: { [String(s.no)]: text } }, `修改第 ${s.no} 部分文字`)} />
            ))}
          </Card>
        </Col>
        <Col xs={24} xl={7}>
          <Card
            size="small"
            title={
              <Space>
                检查结果
                <Badge count={errors} showZero color={errors ? '#cf1322' : '#52c41a'} />
              </Space>
            }
            style={{ position: 'sticky', top: 8 }}
            data-testid="findings"
          >
            <FindingList findings={report.findings} onPick={jump} empty="没有发现问题" />
          </Card>
        </Col>
      </Row>
    </>
  );
}

/** A section's text, saved when the clerk pauses or leaves the box; what is saved is said. */
function SectionText({ no, heading, text, disabled, save }: { no: number; heading: string; text: string; disabled: boolean; save: (text: string) => Promise<boolean> }) {
  const [value, setValue] = useState(text);
  const [state, setState] = useState<'saved' | 'changed' | 'saving'>('saved');
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const savedText = useRef(text);
  const flush = async (v: string) => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = null;
    if (v === savedText.current) return setState('saved');
    setState('saving');
    if (await save(v)) {
      savedText.current = v;
      setState('saved');
    } else setState('changed');
  };
  useEffect(() => () => void (timer.current && clearTimeout(timer.current)), []);
  return (
    <div style={{ marginBottom: 16 }}>
      <Space>
        <Typography.Title level={5} style={{ margin: 0 }}>
          {heading}
        </Typography.Title>
        <Typography.Text type="secondary" data-testid={`section-${no}-state`}>
          {state === 'saved' ? '已保存' : state === 'saving' ? '正在保存…' : '未保存'}
        </Typography.Text>
      </Space>
      <Input.TextArea
        aria-label={`${heading}（正文）`}
        autoSize={{ minRows: 3, maxRows: 20 }}
        value={value}
        disabled={disabled}
        onChange={(e) => {
          const v = e.target.value;
          setValue(v);
          setState('changed');
          if (timer.current) clearTimeout(timer.current);
          timer.current = setTimeout(() => void flush(v), TEXT_PAUSE_MS);
        }}
        onBlur={() => void flush(value)}
        style={{ marginTop: 4 }}
      />
    </div>
  );
}
