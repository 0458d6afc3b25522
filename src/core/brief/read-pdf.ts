import type { ExtractedText } from './read-back';

type PdfJs = typeof import('pdfjs-dist/legacy/build/pdf.min.mjs');

let loading: Promise<PdfJs> | undefined;

/**
 * PDF.js (legacy build, for Node; the minified files, half the size in the installers), loaded on first use. Its
 * parser runs on this thread: the worker module is imported here and handed to PDF.js as
 * `globalThis.pdfjsWorker`, so it starts no thread and fetches nothing.
 */
function pdfjs(): Promise<PdfJs> {
  loading ??= (async () => {
    const worker: unknown = await import('pdfjs-dist/legacy/build/pdf.worker.min.mjs');
    (globalThis as { pdfjsWorker?: unknown }).pdfjsWorker = worker;
    return import('pdfjs-dist/legacy/build/pdf.min.mjs');
  })();
  return loading;
}

/**
 * All text in a PDF as PDF.js reads it from the bytes: every page's text (a line on a line, pages apart by a
 * form feed), then the document information, the XMP metadata, bookmark titles, annotation texts and attachment
 * names. Throws on a file PDF.js cannot read (a leak check treats that as a failure).
 */
export async function textOfPdf(bytes: Uint8Array): Promise<ExtractedText> {
  const { getDocument, VerbosityLevel } = await pdfjs();
  const task = getDocument({
    // PDF.js takes over (detaches) the buffer it is given
    data: bytes.slice(),
    verbosity: VerbosityLevel.ERRORS,
    // no image decoders loaded from files: the read-back needs text only
    useWasm: false,
    useSystemFonts: false,
    disableFontFace: true,
    useWorkerFetch: false,
    stopAtErrors: true,
  });
  try {
    const doc = await task.promise;
    const pages: string[] = [];
    const properties: string[] = [];
    for (let n = 1; n <= doc.numPages; n++) {
      const page = await doc.getPage(n);
      const content = await page.getTextContent();
      let text = '';
      let last: { readonly y: number; readonly end: number; readonly eol: boolean } | null = null;
      for (const item of content.items) {
        if (!('str' in item)) continue;
        const [x, y] = [Number(item.transform[4]), Number(item.transform[5])];
        // pieces of text drawn apart must not run together ("3" and "Name" into "3Name"): a word-boundary
        // check would miss the name
        if (last && !last.eol && item.str) {
          if (Math.abs(y - last.y) > 1) text += '\n';
          else if (x > last.end + 0.5 && !/\s$/.test(text) && !/^\s/.test(item.str)) text += ' ';
        }
        text += item.str + (item.hasEOL ? '\n' : '');
        if (item.str || item.hasEOL) last = { y, end: x + item.width, eol: item.hasEOL };
      }
      pages.push(text.trim());
      for (const a of (await page.getAnnotations({ intent: 'any' })) as Record<string, unknown>[]) {
        for (const key of ['contents', 'title', 'url', 'unsafeUrl', 'fieldValue', 'alternativeText']) collect(properties, `Annotation ${key}`, a[key]);
        collect(properties, 'Annotation contents', (a['contentsObj'] as { str?: unknown } | undefined)?.str);
        collect(properties, 'Annotation title', (a['titleObj'] as { str?: unknown } | undefined)?.str);
      }
      page.cleanup();
    }
    const { info, metadata } = await doc.getMetadata();
    for (const [key, value] of Object.entries(info)) {
      if (key === 'Custom' && value && typeof value === 'object') for (const [k, v] of Object.entries(value)) collect(properties, k, v);
      else if (!key.startsWith('Is') && key !== 'PDFFormatVersion' && key !== 'Language' && key !== 'EncryptFilterName') collect(properties, key, value);
    }
    const xmp: unknown = metadata?.getRaw();
    collect(properties, 'XMP', xmp);
    const outline = (await doc.getOutline()) ?? [];
    const walk = (items: readonly { title: string; items: unknown[] }[]): void => {
      for (const o of items) {
        collect(properties, 'Bookmark', o.title);
        walk(o.items as { title: string; items: unknown[] }[]);
      }
    };
    walk(outline);
    for (const name of (await doc.getAttachments())?.keys() ?? []) collect(properties, 'Attachment', name);
    return { body: pages.join('\n\f'), properties: properties.join('\n') };
  } finally {
    await task.destroy();
  }
}

function collect(into: string[], key: string, value: unknown): void {
  if (typeof value === 'string' && value.trim()) into.push(`${key}: ${value}`);
  else if (typeof value === 'number' || typeof value === 'boolean') into.push(`${key}: ${String(value)}`);
  else if (value instanceof Date) into.push(`${key}: ${value.toISOString()}`);
}
