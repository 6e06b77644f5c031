// A list of findings — severity, rule id, message, the source line — each a click away from its cell.
import { Empty, List, Space, Tag, Typography } from 'antd';
import type { Diagnostic } from '../api.ts';
import { SEVERITY_COLOR, SEVERITY_ZH } from '../labels.ts';

type Listed = Pick<Diagnostic, 'severity' | 'message' | 'path'> & { rule: string; line?: number | null };

export function FindingList<F extends Listed>({ findings, onPick, empty }: { findings: F[]; onPick: (f: F) => void; empty: string }) {
  if (!findings.length) return <Empty description={empty} />;
  return (
    <List
      size="small"
      dataSource={findings}
      renderItem={(f) => (
        <List.Item data-rule={f.rule}>
          {/* The item stays a list item; the control is inside it. */}
          <Space wrap size={4} role="button" tabIndex={0} onClick={() => onPick(f)} onKeyDown={(e) => e.key === 'Enter' && onPick(f)} style={{ cursor: 'pointer', width: '100%' }}>
            <Tag color={SEVERITY_COLOR[f.severity]}>{SEVERITY_ZH[f.severity]}</Tag>
            <Typography.Text code style={{ whiteSpace: 'nowrap' }}>
              {f.rule}
            </Typography.Text>
            <span>{f.message}</span>
            {typeof f.line === 'number' && <Typography.Text type="secondary">第 {f.line} 行</Typography.Text>}
          </Space>
        </List.Item>
      )}
    />
  );
}
