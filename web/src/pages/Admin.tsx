// 管理: the agency tree (new agencies, a parent changed, a CSV of the tree imported), the
// accounts (new ones, each with its role and the agency it is limited to), and the audit log
// (who changed what, downloadable as CSV). For the admin; each part is the API's (users.manage,
// audit.read) and says so if the account may not.
import { DownloadOutlined, UploadOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Form, Input, Segmented, Select, Space, Table, Tag, Tree, TreeSelect, Typography, Upload } from 'antd';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { api, downloadUrl, messageOf, type Agency, type Role } from '../api.ts';
import { useSession } from '../session.tsx';
import { agencyTree } from '../agencies.ts';

const KIND_ZH: Record<string, string> = { government: '政府', office: '政务公开办', department: '部门' };

/** A change sent to the API: its success said (`done` makes the words from the answer), then `after`; a failure in the server's words. */
function useChange(after: () => void) {
  const { message } = App.useApp();
  return async <T,>(send: () => Promise<T>, done: (r: T) => string) => {
    try {
      message.success(done(await send()));
      after();
    } catch (e) {
      message.error(messageOf(e));
    }
  };
}

function Agencies() {
  const [items, setItems] = useState<Agency[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const load = useCallback(() => api.get<{ items: Agency[] }>('/agencies').then((r) => setItems(r.items), (e) => setError(messageOf(e))), []);
  useEffect(() => void load(), [load]);
  const tree = useMemo(() => agencyTree(items ?? [], (a) => <span>{a.name} <Tag>{KIND_ZH[a.kind] ?? a.kind}</Tag></span>), [items]);
  const plain = useMemo(() => agencyTree(items ?? []), [items]);
  const change = useChange(() => void load());
  const add = (v: { name: string; parentId?: number; kind: string }) => change(() => api.post('/agencies', { name: v.name, parentId: v.parentId ?? null, kind: v.kind }), () => `已保存机关「${v.name}」`);
  const importCsv = (file: File) =>
    change(
      async () => api.post<{ created: number; moved: number }>('/agencies/import', new Blob([await file.arrayBuffer()], { type: 'text/csv' })),
      (r) => `已导入机关树：新建 ${r.created} 个，调整上级 ${r.moved} 个`,
    );
  if (error) return <Alert type="error" showIcon message={error} />;
  return (
    <Space direction="vertical" style={{ width: '100%' }} size={16}>
      <Card size="small" title="新建机关或调整上级">
        <Form layout="inline" onFinish={(v) => void add(v)} initialValues={{ kind: 'department' }}>
          <Form.Item name="name" label="名称" rules={[{ required: true, message: '请输入机关名称' }]}>
            <Input style={{ width: 240 }} />
          </Form.Item>
          <Form.Item name="parentId" label="上级">
            <TreeSelect allowClear showSearch treeNodeFilterProp="title" treeData={plain} placeholder="（无：顶级）" style={{ width: 240 }} aria-label="上级机关" />
          </Form.Item>
          <Form.Item name="kind" label="类型">
            <Select options={Object.entries(KIND_ZH).map(([value, label]) => ({ value, label }))} style={{ width: 140 }} aria-label="机关类型" />
          </Form.Item>
          <Button type="primary" htmlType="submit">
            保存
          </Button>
        </Form>
        <Upload accept=".csv,text/csv" showUploadList={false} beforeUpload={(f) => {
          void importCsv(f);
          // Sent by importCsv, not by the Upload.
          return false;
        }}>
          <Button icon={<UploadOutlined />} style={{ marginTop: 12 }}>
            从 CSV 导入机关树（列：名称、上级、类型、区划代码）
          </Button>
        </Upload>
      </Card>
      <Card size="small" title={`机关树（${items?.length ?? '…'}）`} data-testid="agency-tree">
        {items && <Tree treeData={tree} defaultExpandAll selectable={false} />}
      </Card>
    </Space>
  );
}

interface UserRow {
  id: number;
  name: string;
  role: Role;
  agencyId: number | null;
  createdAt: string;
}

function Accounts() {
  const { session } = useSession();
  const [items, setItems] = useState<UserRow[] | null>(null);
  const [agencies, setAgencies] = useState<Agency[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [form] = Form.useForm();
  const load = useCallback(() => api.get<{ items: UserRow[] }>('/users').then((r) => setItems(r.items), (e) => setError(messageOf(e))), []);
  useEffect(() => {
    void load();
    api.get<{ items: Agency[] }>('/agencies').then((r) => setAgencies(r.items), () => undefined);
  }, [load]);
  const names = new Map(agencies.map((a) => [a.id, a.name]));
  const tree = useMemo(() => agencyTree(agencies), [agencies]);
  const roles: Partial<Record<Role, string>> = session?.roles ?? {};
  const change = useChange(() => {
    form.resetFields();
    void load();
  });
  const add = (v: { name: string; password: string; role: Role; agencyId?: number }) => change(() => api.post('/users', { ...v, agencyId: v.agencyId ?? null }), () => `已新建账号「${v.name}」`);
  if (error) return <Alert type="error" showIcon message={error} />;
  return (
    <Space direction="vertical" style={{ width: '100%' }} size={16}>
      <Card size="small" title="新建账号">
        <Form form={form} layout="inline" onFinish={(v) => void add(v)} initialValues={{ role: 'editor' }}>
          <Form.Item name="name" label="用户名" rules={[{ required: true, message: '请输入用户名' }]}>
            <Input autoComplete="off" />
          </Form.Item>
          <Form.Item name="password" label="初始密码" rules={[{ required: true, min: 10, message: '密码至少 10 个字符' }]}>
            <Input.Password autoComplete="new-password" />
          </Form.Item>
          <Form.Item name="role" label="角色">
            <Select options={Object.entries(roles).map(([value, label]) => ({ value, label }))} style={{ width: 120 }} aria-label="角色" />
          </Form.Item>
          <Form.Item name="agencyId" label="限于机关">
            <TreeSelect allowClear showSearch treeNodeFilterProp="title" treeData={tree} placeholder="（不限）" style={{ width: 240 }} aria-label="限于机关" />
          </Form.Item>
          <Button type="primary" htmlType="submit">
            新建
          </Button>
        </Form>
      </Card>
      <Table<UserRow>
        rowKey="id"
        size="small"
        loading={items === null}
        dataSource={items ?? []}
        pagination={false}
        columns={[
          { title: '用户名', dataIndex: 'name' },
          { title: '角色', dataIndex: 'role', render: (r: Role) => roles[r] ?? r },
          { title: '限于机关', dataIndex: 'agencyId', render: (id: number | null) => (id === null ? '不限' : (names.get(id) ?? `#${id}`)) },
          { title: '建立时间', dataIndex: 'createdAt', render: (v: string) => new Date(v).toLocaleString('zh-CN') },
        ]}
      />
    </Space>
  );
}

interface AuditRow {
  id: number;
  at: string;
  userName: string | null;
  action: string;
  target: string | null;
  after: unknown;
}

function Audit() {
  const [items, setItems] = useState<AuditRow[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    api.get<{ items: AuditRow[] }>('/audit', { limit: 500 }).then((r) => setItems(r.items), (e) => setError(messageOf(e)));
  }, []);
  if (error) return <Alert type="error" showIcon message={error} />;
  return (
    <Card
      size="small"
      title="审计日志（最近 500 条）"
      extra={
        <a href={downloadUrl('/audit', { format: 'csv', limit: 100000 })}>
          <DownloadOutlined /> 下载 CSV
        </a>
      }
    >
      <Table<AuditRow>
        rowKey="id"
        size="small"
        loading={items === null}
        dataSource={items ?? []}
        pagination={{ pageSize: 50, showSizeChanger: false }}
        scroll={{ x: 'max-content' }}
        columns={[
          { title: '时间', dataIndex: 'at', render: (v: string) => new Date(v).toLocaleString('zh-CN'), width: 170 },
          { title: '用户', dataIndex: 'userName', render: (v: string | null) => v ?? '—' },
          { title: '操作', dataIndex: 'action', render: (v: string) => <Typography.Text code>{v}</Typography.Text> },
          { title: '对象', dataIndex: 'target' },
          { title: '内容', dataIndex: 'after', render: (v: unknown) => <Typography.Text style={{ fontSize: 12 }}>{v === null ? '' : JSON.stringify(v).slice(0, 160)}</Typography.Text> },
        ]}
      />
    </Card>
  );
}

export function AdminPage() {
  const { session } = useSession();
  const parts = [
    ...(session?.may.includes('users.manage') ? [{ value: 'agencies', label: '机关' }, { value: 'accounts', label: '账号' }] : []),
    ...(session?.may.includes('audit.read') ? [{ value: 'audit', label: '审计日志' }] : []),
  ];
  const [part, setPart] = useState(parts[0]?.value ?? 'agencies');
  if (!parts.length) return <Alert type="warning" showIcon message="当前账号没有管理权限" />;
  return (
    <>
      <Typography.Title level={3}>管理</Typography.Title>
      <Segmented value={part} onChange={(v) => setPart(String(v))} options={parts} style={{ marginBottom: 16 }} aria-label="管理的内容" />
      {part === 'agencies' && <Agencies />}
      {part === 'accounts' && <Accounts />}
      {part === 'audit' && <Audit />}
    </>
  );
}
