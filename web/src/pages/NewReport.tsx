// 新建年度报告: the agency and the year, and what to start from — the agency's report of the year
// before (its 结转下年度 become this year's 上年结转, the narrative drafted by the engine) or a blank
// form. Whether last year's report is stored, and whether this year's already is, is asked as the
// choice changes, so the clerk is sent to the report that exists instead of being refused.
import { FileAddOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Form, InputNumber, Radio, Select, Space, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { api, messageOf, type Agency, type ReportSummary } from '../api.ts';

/** The year a report is written for now: last year's until October, this year's in its last two months. */
export const yearToWrite = (d = new Date()) => (d.getMonth() >= 10 ? d.getFullYear() : d.getFullYear() - 1);

export function NewReportPage() {
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [agencies, setAgencies] = useState<Agency[] | null>(null);
  const [agency, setAgency] = useState<number | undefined>(undefined);
  const [year, setYear] = useState(yearToWrite());
  const [basis, setBasis] = useState<'last' | 'blank'>('last');
  const [last, setLast] = useState<ReportSummary | null>(null);
  const [taken, setTaken] = useState<ReportSummary | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    api.get<{ items: Agency[] }>('/agencies').then(
      (r) => {
        setAgencies(r.items);
        if (r.items.length === 1) setAgency(r.items[0].id);
      },
      (e) => message.error(messageOf(e)),
    );
  }, [message]);
  useEffect(() => {
    setLast(null);
    setTaken(null);
    if (agency === undefined) return;
    const one = (y: number) => api.get<{ items: ReportSummary[] }>('/reports', { agency, year: y, limit: 5 }).then((r) => r.items.find((x) => x.agencyId === agency) ?? null, () => null);
    void one(year - 1).then(setLast);
    void one(year).then(setTaken);
  }, [agency, year]);

  const create = async () => {
    setBusy(true);
    try {
      const made = await api.post<{ id: number; notes: string[] }>('/reports', { agency, year, ...(basis === 'blank' || !last ? { from: 'blank' } : { from: last.id }) });
      navigate(`/reports/${made.id}/write`, { state: { notes: made.notes } });
    } catch (e) {
      message.error(messageOf(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <Typography.Title level={3}>新建年度报告</Typography.Title>
      <Card style={{ maxWidth: 720 }}>
        <Form layout="vertical" onFinish={() => void create()}>
          <Form.Item label="报告机关" required>
            <Select
              showSearch
              optionFilterProp="label"
              loading={agencies === null}
              placeholder="选择机关"
              value={agency}
              onChange={setAgency}
              options={(agencies ?? []).map((a) => ({ value: a.id, label: a.name }))}
              aria-label="报告机关"
              notFoundContent="没有可选的机关：请管理员先建立机关，或导入一份本机关的报告"
            />
          </Form.Item>
          <Form.Item label="报告年度" required>
            <InputNumber min={2019} max={new Date().getFullYear()} value={year} onChange={(v) => v && setYear(v)} aria-label="报告年度" />
          </Form.Item>
          <Form.Item label="依据">
            <Radio.Group value={last ? basis : 'blank'} onChange={(e) => setBasis(e.target.value as 'last' | 'blank')}>
              <Space direction="vertical">
                <Radio value="last" disabled={!last}>
                  <span data-testid="basis-last">{last ? `上年度（${year - 1}）报告 #${last.id}：上年结转取自其「结转下年度继续办理」，叙述部分按数字起草` : `没有本机关 ${year - 1} 年度的报告`}</span>
                </Radio>
                <Radio value="blank">空白报告：表格全部留空待填</Radio>
              </Space>
            </Radio.Group>
          </Form.Item>
          {taken && (
            <Alert
              type="warning"
              showIcon
              style={{ marginBottom: 16 }}
              message={`本机关已有 ${year} 年度的报告（#${taken.id}），一个机关一个年度只有一份报告`}
              action={<Link to={`/reports/${taken.id}`}>打开它</Link>}
            />
          )}
          <Button type="primary" htmlType="submit" icon={<FileAddOutlined />} loading={busy} disabled={agency === undefined || taken !== null}>
            新建并填报
          </Button>
        </Form>
      </Card>
    </>
  );
}
