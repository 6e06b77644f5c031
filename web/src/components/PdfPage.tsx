// A page of the source PDF drawn by pdf.js, with the selected cell's box drawn over it (the box
// the PDF reader recorded for the cell: points from the page's top-left corner).
import { Alert, Pagination, Space, Spin } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { getDocument, GlobalWorkerOptions, type PDFDocumentProxy, type RenderTask } from 'pdfjs-dist';
import workerUrl from 'pdfjs-dist/build/pdf.worker.min.mjs?url';

GlobalWorkerOptions.workerSrc = workerUrl;

/** Points to CSS pixels: the page drawn 1.3 times its size in points (about 96 dpi against 72). */
const SCALE = 1.3;

export function PdfPage({ reportId, version, page, box }: { reportId: number; version: number; page: number | null; box?: [number, number, number, number] }) {
  const [doc, setDoc] = useState<PDFDocumentProxy | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [shown, setShown] = useState(page ?? 1);
  const [origin, setOrigin] = useState<[number, number]>([0, 0]);
  /** The page the canvas holds, once pdf.js has drawn it (the box waits for it). */
  const [drawn, setDrawn] = useState<number | null>(null);
  const canvas = useRef<HTMLCanvasElement>(null);
  const frame = useRef<HTMLDivElement>(null);
  useEffect(() => {
    let gone = false;
    let loaded: PDFDocumentProxy | null = null;
    setDoc(null);
    fetch(`/api/v1/reports/${reportId}/source`, { credentials: 'same-origin' })
      .then((res) => (res.ok ? res.arrayBuffer() : Promise.reject(new Error('source'))))
      .then((bytes) => getDocument({ data: new Uint8Array(bytes), cMapUrl: '/pdfjs/cmaps/', cMapPacked: true, standardFontDataUrl: '/pdfjs/standard_fonts/', isEvalSupported: false }).promise)
      .then(
        (d) => {
          loaded = d;
          if (gone) void d.destroy();
          else setDoc(d);
        },
        () => !gone && setError('无法显示原始 PDF'),
      );
    return () => {
      gone = true;
      void loaded?.destroy();
    };
  }, [reportId, version]);
  useEffect(() => {
    if (page) setShown(page);
  }, [page, box]);
  useEffect(() => {
    if (!doc || !canvas.current) return;
    let task: RenderTask | null = null;
    let cancelled = false;
    void doc.getPage(Math.min(shown, doc.numPages)).then((p) => {
      if (cancelled || !canvas.current) return;
      const viewport = p.getViewport({ scale: SCALE });
      const ratio = window.devicePixelRatio || 1;
      const c = canvas.current;
      c.width = Math.floor(viewport.width * ratio);
      c.height = Math.floor(viewport.height * ratio);
      c.style.width = `${viewport.width}px`;
      c.style.height = `${viewport.height}px`;
      setOrigin([p.view[0], p.view[1]]);
      setDrawn(null);
      task = p.render({ canvas: c, viewport, transform: ratio !== 1 ? [ratio, 0, 0, ratio, 0, 0] : undefined });
      task.promise.then(() => !cancelled && setDrawn(shown), () => undefined);
    }).catch(() => {
      // The document was closed while its page was asked for (another report, another version).
      if (!cancelled) setError('无法显示原始 PDF 的这一页');
    });
    return () => {
      cancelled = true;
      task?.cancel();
    };
  }, [doc, shown]);
  useEffect(() => {
    frame.current?.querySelector('[data-testid="pdf-box"]')?.scrollIntoView({ block: 'center', behavior: 'smooth' });
  }, [box, shown, drawn]);
  if (error) return <Alert type="warning" showIcon message={error} />;
  const onPage = box && page === shown && drawn === shown;
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      {doc && <Pagination simple size="small" current={shown} total={doc.numPages} pageSize={1} onChange={setShown} />}
      <div ref={frame} style={{ maxHeight: '75vh', overflow: 'auto', border: '1px solid #f0f0f0' }}>
        {!doc && <Spin tip="正在打开 PDF…"><div style={{ height: 200 }} /></Spin>}
        <div style={{ position: 'relative', width: 'fit-content' }} data-testid="pdf-page" data-page={shown} data-drawn={drawn ?? undefined}>
          <canvas ref={canvas} />
          {onPage && (
            <div
              data-testid="pdf-box"
              style={{
                position: 'absolute',
                left: (box[0] - origin[0]) * SCALE - 3,
                top: (box[1] + origin[1]) * SCALE - 3,
                width: (box[2] - box[0]) * SCALE + 6,
                height: (box[3] - box[1]) * SCALE + 6,
                border: '2px solid #1677ff',
                background: 'rgba(22, 119, 255, 0.15)',
                pointerEvents: 'none',
              }}
            />
          )}
        </div>
      </div>
    </Space>
  );
}
