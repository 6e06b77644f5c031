// A figure (charts.ts) drawn by ECharts, with its table a click away for a screen reader or a
// check, and downloads of the picture (PNG) and of the figures (CSV). ECharts is bundled through
// its core and the parts used (tree-shaken); the page that holds charts is loaded on demand, so
// none of it is in the first page's JavaScript (main.tsx). A thin wrapper of our own rather than
// echarts-for-react: init, setOption, resize and dispose are the four calls needed.
import { DownloadOutlined } from '@ant-design/icons';
import { Button, Card, Space, Typography } from 'antd';
import { BarChart, LineChart, TreemapChart } from 'echarts/charts';
import { AriaComponent, GridComponent, LegendComponent, MarkPointComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';
import type { Figure } from '../charts.ts';
import { saveFile } from '../api.ts';
import { csvTable } from '../../../src/util/csv.ts';

echarts.use([BarChart, LineChart, TreemapChart, AriaComponent, GridComponent, LegendComponent, MarkPointComponent, TooltipComponent, CanvasRenderer]);

export function ChartCard({ figure }: { figure: Figure }) {
  const box = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);
  useEffect(() => {
    const c = echarts.init(box.current!, undefined, { renderer: 'canvas' });
    chart.current = c;
    const watch = new ResizeObserver(() => c.resize());
    watch.observe(box.current!);
    return () => {
      watch.disconnect();
      c.dispose();
      chart.current = null;
    };
  }, []);
  useEffect(() => {
    chart.current?.setOption({ aria: { enabled: true }, animation: false, ...figure.option }, true);
  }, [figure]);
  const file = figure.title.replace(/[\\/:*?"<>|：]/g, '-');
  const png = () => chart.current && saveFile(chart.current.getDataURL({ type: 'png', pixelRatio: 2, backgroundColor: '#fff' }), `${file}.png`);
  const csv = () => saveFile(new Blob([csvTable([figure.columns, ...figure.rows])], { type: 'text/csv;charset=utf-8' }), `${file}.csv`);
  return (
    <Card
      size="small"
      title={figure.title}
      data-testid={`chart-${figure.id}`}
      extra={
        <Space size={4}>
          <Button size="small" icon={<DownloadOutlined />} onClick={png}>
            PNG
          </Button>
          <Button size="small" icon={<DownloadOutlined />} onClick={csv}>
            CSV
          </Button>
        </Space>
      }
      style={{ marginBottom: 16 }}
    >
      <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
        {figure.note}
      </Typography.Paragraph>
      <div ref={box} style={{ width: '100%', height: figure.height }} role="img" aria-label={`${figure.title}（图）：数据见下方「数据表」`} />
      <details>
        <summary>数据表</summary>
        <table style={{ borderCollapse: 'collapse', fontSize: 12, marginTop: 8 }}>
          <caption style={{ textAlign: 'left' }}>{figure.title}</caption>
          <thead>
            <tr>
              {figure.columns.map((c) => (
                <th key={c} scope="col" style={{ border: '1px solid #d9d9d9', padding: '2px 6px', background: '#fafafa' }}>
                  {c}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {figure.rows.map((r, i) => (
              <tr key={i}>
                {r.map((v, j) => {
                  const Tag = j === 0 ? 'th' : 'td';
                  return (
                    <Tag key={j} scope={j === 0 ? 'row' : undefined} style={{ border: '1px solid #d9d9d9', padding: '2px 6px', textAlign: j === 0 ? 'left' : 'right', fontWeight: 'normal' }}>
                      {v ?? '—'}
                    </Tag>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </Card>
  );
}
