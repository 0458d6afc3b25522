import { strFromU8, strToU8, unzipSync, zipSync, type Zippable } from 'fflate';

/**
 * Rewrites the .docx package the docx library made so that it names no one and carries no time:
 * - docProps/core.xml: only the title (docx writes creator "Un-named", lastModifiedBy, revision 1 and the
 *   machine's clock as created and modified);
 * - docProps/app.xml: only the application's name;
 * - docProps/custom.xml goes, with its relationship and content type;
 * - every zip entry gets the same fixed date (a zip stores each file's modification time, in local time, which
 *   would also give away the time zone), in a fixed order, so the same brief always gives the same bytes.
 */
export function cleanDocxPackage(docx: Uint8Array, title: string): Uint8Array {
  const files = unzipSync(docx);
  const out: Record<string, Uint8Array> = {};
  const names = Object.keys(files).filter((n) => !n.endsWith('/') && n !== CUSTOM);
  // [Content_Types].xml first, as Word writes it; then the library's order
  names.sort((a, b) => Number(b === TYPES) - Number(a === TYPES));
  for (const name of names) {
    const data = files[name]!;
    switch (name) {
      case CORE:
        out[name] = strToU8(coreXml(title));
        break;
      case APP:
        out[name] = strToU8(APP_XML);
        break;
      case TYPES:
        out[name] = strToU8(strFromU8(data).replace(/<Override[^>]*PartName="\/docProps\/custom\.xml"[^>]*\/>/g, ''));
        break;
      case ROOT_RELS:
        out[name] = strToU8(strFromU8(data).replace(/<Relationship[^>]*Target="\/?docProps\/custom\.xml"[^>]*\/>/g, ''));
        break;
      default:
        out[name] = data;
    }
  }
  // 1 January 1980 00:00 in the zip's own (local, DOS) time: the earliest a zip can store, the same in every
  // zone. Made here, not once: the zone is read when the zip is written.
  const mtime = new Date(1980, 0, 1, 0, 0, 0);
  const zippable: Zippable = {};
  for (const name of names) zippable[name] = [out[name]!, { level: 6, mtime }];
  return zipSync(zippable);
}

const TYPES = '[Content_Types].xml';
const ROOT_RELS = '_rels/.rels';
const CORE = 'docProps/core.xml';
const APP = 'docProps/app.xml';
const CUSTOM = 'docProps/custom.xml';

const APP_XML =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
  '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties" ' +
  'xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"><Application>Fieldvault</Application></Properties>';

function coreXml(title: string): string {
  return (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
    '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" ' +
    'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" ' +
    'xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">' +
    `<dc:title>${escapeXml(title)}</dc:title></cp:coreProperties>`
  );
}

function escapeXml(s: string): string {
  // characters XML 1.0 does not allow at all are dropped rather than written as an unreadable part
  return s
    .replace(/[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');
}
