// Import: many files or a zip dropped on the page, one job each; every job's progress live
// (server-sent events), failures with the reader's reason; a summary with links at the end.
import { InboxOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Progress, Space, Statistic, Table, Tag, Typography, Upload } from 'antd';
import type { UploadFile } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { Link } from 'react-router';
import { api, messageOf, type Job } from '../api.ts';
import { JOB_COLOR, JOB_ZH } from '../labels.ts';

export function ImportPage() {
  const [files, setFiles] = useState<UploadFile[]>([]);
  const [jobs, setJobs] = useState<Map<number, Job>>(new Map());
  const [batch, setBatch] = useState<string | null>(null);
  const [state, setState] = useState<'idle' | 'uploading' | 'running' | 'done'>('idle');
  const [error, setError] = useState<string | null>(null);
  const source = useRef<EventSource | null>(null);
  useEffect(() => () => source.current?.close(), []);

  const start = async () => {
    setError(null);
    setState('uploading');
    const form = new FormData();
    for (const f of files) if (f.originFileObj) form.append('files', f.originFileObj, f.name);
    try {
      const r = await api.post<{ batch: string; jobs: Job[] }>('/imports', form);
      setBatch(r.batch);
      setJobs(new Map(r.jobs.map((j) => [j.id, j])));
      setState('running');
      follow(r.batch);
    } catch (e) {
      setError(messageOf(e));
      setState('idle');
    }
  };
  const follow = (b: string) => {
    const es = new EventSource(`/api/v1/imports/${b}/events`);
    source.current = es;
    es.addEventListener('job', (e) => {
      const j = JSON.parse((e as MessageEvent<string>).data) as Job;
      setJobs((m) => new Map(m).set(j.id, j));
    });
    es.addEventListener('done', () => {
      es.close();
      setState('done');
    });
    es.onerror = () => {
      // The stream broke (a restart, the network): ask for the batch's state instead.
      es.close();
      api.get<{ jobs: Job[] }>(`/imports/${b}`).then(
        (r) => {
          setJobs(new Map(r.jobs.map((j) => [j.id, j])));
          if (r.jobs.every((j) => j.status === 'stored' || j.status === 'failed')) setState('done');
          else setTimeout(() => follow(b), 1000);
        },
        (err) => setError(`无法取得导入进度：${messageOf(err)}`),
      );
    };
  };

  const list = [...jobs.values()];
  const n = (s: Job['status']) => list.filter((j) => j.status === s).length;
  const ended = n('stored') + n('failed');
  return (
    <>
      <Typography.Title level={3}>导入报告</Typography.Title>
      <Card style={{ marginBottom: 16 }}>
        <Upload.Dragger
          multiple
          fileList={files}
          beforeUpload={() => false}
          onChange={(info) => setFiles(info.fileList)}
          disabled={state === 'uploading' || state === 'running'}
          accept=".txt,.html,.htm,.docx,.doc,.pdf,.zip,.png,.jpg,.jpeg,.tif,.tiff,.md"
        >
          <p className="ant-upload-drag-icon">
            <InboxOutlined />
          </p>
          <p className="ant-upload-text">把报告文件或 zip 压缩包拖到这里，或点击选择</p>
          <p className="ant-upload-hint">支持文本、网页、Word、PDF 和扫描件；同一文件再次导入不会重复入库</p>
        </Upload.Dragger>
        <Space style={{ marginTop: 16 }}>
          <Button type="primary" disabled={!files.length || state === 'uploading' || state === 'running'} loading={state === 'uploading'} onClick={() => void start()}>
            开始导入（{files.length} 个文件）
          </Button>
          {state === 'done' && (
            <Button
              onClick={() => {
                setFiles([]);
                setJobs(new Map());
                setBatch(null);
                setState('idle');
              }}
            >
              再导入一批
            </Button>
          )}
        </Space>
        {error && <Alert type="error" showIcon message={error} style={{ marginTop: 16 }} />}
      </Card>
      {batch && (
        <Card title={state === 'done' ? '导入完成' : '正在导入…'} data-testid="import-batch" data-state={state}>
          <Space size="large" wrap style={{ marginBottom: 16 }}>
            <Progress type="circle" size={72} percent={list.length ? Math.round((ended / list.length) * 100) : 0} status={state === 'done' && n('failed') ? 'exception' : undefined} />
            <Statistic title="共" value={list.length} />
            <Statistic title="已入库" value={n('stored')} valueStyle={{ color: '#389e0d' }} />
            <Statistic title="失败" value={n('failed')} valueStyle={{ color: n('failed') ? '#cf1322' : undefined }} />
            <Statistic title="排队或读取中" value={n('queued') + n('reading')} />
            {state === 'done' && <Link to="/reports?sort=id&order=desc">在报告库中查看</Link>}
          </Space>
          <Table<Job>
            rowKey="id"
            size="small"
            dataSource={list}
            pagination={list.length > 50 ? { pageSize: 50 } : false}
            columns={[
              { title: '文件', dataIndex: 'file' },
              { title: '状态', dataIndex: 'status', width: 100, render: (s: Job['status']) => <Tag color={JOB_COLOR[s]}>{JOB_ZH[s]}</Tag> },
              {
                title: '结果',
                render: (_: unknown, j: Job) =>
                  j.status === 'failed' ? <Typography.Text type="danger">{j.reason}</Typography.Text> : j.reportId ? <Link to={`/reports/${j.reportId}`}>{j.duplicate ? '已有这份报告，打开' : '打开报告'}</Link> : null,
              },
            ]}
          />
        </Card>
      )}
    </>
  );
}
