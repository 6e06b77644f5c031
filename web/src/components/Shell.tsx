// The frame of every signed-in page: the menu by role, who is signed in, and the page itself.
import { BarChartOutlined, SettingOutlined, CalculatorOutlined, CloudUploadOutlined, FileAddOutlined, FileSearchOutlined, HomeOutlined, LogoutOutlined } from '@ant-design/icons';
import { App, Button, Layout, Menu, Space, Tag, Typography } from 'antd';
import { Outlet, useLocation, useNavigate } from 'react-router';
import { api, messageOf, setCsrf } from '../api.ts';
import { useSession } from '../session.tsx';
import { Boundary } from './Boundary.tsx';

export function Shell() {
  const { session, refresh } = useSession();
  const navigate = useNavigate();
  const location = useLocation();
  const { message } = App.useApp();
  if (!session) return null;
  const items = [
    { key: '/', icon: <HomeOutlined />, label: '首页' },
    { key: '/reports', icon: <FileSearchOutlined />, label: '报告库' },
    { key: '/sum', icon: <CalculatorOutlined />, label: '汇总' },
    { key: '/charts', icon: <BarChartOutlined />, label: '图表' },
    ...(session.may.includes('report.edit') ? [{ key: '/new', icon: <FileAddOutlined />, label: '新建报告' }] : []),
    ...(session.may.includes('report.import') ? [{ key: '/import', icon: <CloudUploadOutlined />, label: '导入报告' }] : []),
    ...(session.may.includes('users.manage') || session.may.includes('audit.read') ? [{ key: '/admin', icon: <SettingOutlined />, label: '管理' }] : []),
  ];
  const selected = items.filter((i) => i.key === '/' ? location.pathname === '/' : location.pathname.startsWith(i.key)).map((i) => i.key);
  const logout = async () => {
    try {
      await api.del('/session');
      setCsrf(null);
      await refresh();
      navigate('/login');
    } catch (e) {
      message.error(messageOf(e));
    }
  };
  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Header style={{ display: 'flex', alignItems: 'center', gap: 24, background: '#8b1a1a' }}>
        <Typography.Text strong style={{ color: '#fff', fontSize: 18, whiteSpace: 'nowrap' }}>
          政府信息公开工作台
        </Typography.Text>
        <Menu theme="dark" mode="horizontal" selectedKeys={selected} items={items} onClick={(e) => navigate(e.key)} style={{ flex: 1, minWidth: 0, background: 'transparent' }} />
        <Space>
          <Typography.Text style={{ color: '#fff' }} data-testid="who">
            {session.user.name}
          </Typography.Text>
          <Tag>{session.user.roleName}</Tag>
          <Button size="small" icon={<LogoutOutlined />} onClick={logout}>
            退出
          </Button>
        </Space>
      </Layout.Header>
      <Layout.Content style={{ padding: 24 }}>
        <Boundary key={location.pathname}>
          <Outlet />
        </Boundary>
      </Layout.Content>
    </Layout>
  );
}
