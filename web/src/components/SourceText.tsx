// The source file's text, line by line, with the selected cell's line marked and scrolled to.
import { Alert, Spin } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { ApiError } from '../api.ts';

/** The file's text: UTF-8, or GB18030 where UTF-8 does not fit (as the reader decides, roughly). */
function decode(bytes: ArrayBuffer): string {
  const utf8 = new TextDecoder('utf-8').decode(bytes);
  return utf8.includes('\ufffd') ? new TextDecoder('gb18030').decode(bytes) : utf8;
}

export function SourceText({ reportId, line, version }: { reportId: number; line: number | null; version: number }) {
  const [lines, setLines] = useState<string[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    setLines(null);
    fetch(`/api/v1/reports/${reportId}/source`, { credentials: 'same-origin' })
      .then(async (res) => {
        if (!res.ok) throw new ApiError(res.status, 'source', '无法取得原始文件');
        setLines(decode(await res.arrayBuffer()).split(/\r\n|\n|\r/));
      })
      .catch((e) => setError(e instanceof ApiError ? e.message : '无法取得原始文件'));
  }, [reportId, version]);
  useEffect(() => {
    if (line === null) return;
    box.current?.querySelector(`[data-line="${line}"]`)?.scrollIntoView({ block: 'center', behavior: 'smooth' });
  }, [line, lines]);
  if (error) return <Alert type="warning" showIcon message={error} />;
  if (!lines) return <Spin tip="正在读取原始文件…"><div style={{ height: 200 }} /></Spin>;
  return (
    <div ref={box} style={{ fontFamily: 'monospace', fontSize: 12, maxHeight: '75vh', overflow: 'auto', background: '#fff', border: '1px solid #f0f0f0' }} data-testid="source-text" role="region" aria-label="原文（可滚动）" tabIndex={0}>
      {lines.map((l, i) => (
        <div key={i} data-line={i + 1} aria-current={line === i + 1 ? 'true' : undefined} style={{ display: 'flex', background: line === i + 1 ? '#fff566' : undefined, whiteSpace: 'pre' }}>
          <span style={{ color: '#6b6b6b', minWidth: 40, textAlign: 'right', paddingRight: 8, userSelect: 'none' }}>{i + 1}</span>
          <span>{l || '\u00a0'}</span>
        </div>
      ))}
    </div>
  );
}
