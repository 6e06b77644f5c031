// pdfjs-dist ships no types for its worker module; xxgk only hands it to pdfjs (loadPdfjs).
declare module 'pdfjs-dist/legacy/build/pdf.worker.mjs' {
  export const WorkerMessageHandler: unknown;
}
