// A page that fails while drawing says so in Chinese, inside the frame, with a way on — never a
// blank screen. Keyed by the route (Shell), so that another page starts afresh.
import { Button, Result } from 'antd';
import { Component, type ReactNode } from 'react';

export class Boundary extends Component<{ children: ReactNode }, { error: Error | null }> {
  state: { error: Error | null } = { error: null };
  static getDerivedStateFromError(error: Error) {
    return { error };
  }
  render() {
    if (!this.state.error) return this.props.children;
    return (
      <Result
        status="error"
        title="这个页面出错了"
        subTitle={`请重新加载页面；如果一再出现，请把这句说明告诉管理员：${this.state.error.message}`}
        extra={
          <Button type="primary" onClick={() => window.location.reload()}>
            重新加载
          </Button>
        }
      />
    );
  }
}
