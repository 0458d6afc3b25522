/** PDF.js types its unminified legacy build only; read-pdf.ts loads the minified one (the same code). */
declare module 'pdfjs-dist/legacy/build/pdf.min.mjs' {
  export * from 'pdfjs-dist/legacy/build/pdf.mjs';
}

/** No types for the worker module: read-pdf.ts only hands it back to PDF.js. */
declare module 'pdfjs-dist/legacy/build/pdf.worker.min.mjs' {
  export const WorkerMessageHandler: unknown;
}
