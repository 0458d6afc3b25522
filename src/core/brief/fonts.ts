import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, parse, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { create, type Font } from 'fontkit';
import { VaultError } from '../errors';

/**
 * Noto Sans (SIL Open Font License, resources/fonts/OFL.txt): Latin and the Cyrillic letters of Russian, Kyrgyz,
 * Kazakh, Uzbek and Tajik. A PDF embeds a subset of it, so the brief reads the same on any machine.
 */
export const BRIEF_FONT_FILES = {
  regular: 'NotoSans-Regular.ttf',
  bold: 'NotoSans-Bold.ttf',
  italic: 'NotoSans-Italic.ttf',
} as const;

export type BriefFontStyle = keyof typeof BRIEF_FONT_FILES;

/**
 * Where resources/fonts is. Packaged, electron-builder copies it beside app.asar (extraResources in
 * electron-builder.yml: <resources>/fonts), read with plain fs from the vault's worker thread; in development,
 * the tests and the CLI it is the repository's resources/fonts, found by walking up from this module (or from
 * the bundle it was built into: out/main, out/cli).
 */
export function findFontDirectory(moduleUrl: string = import.meta.url): string | null {
  const candidates: string[] = [];
  const resourcesPath = (process as { resourcesPath?: unknown }).resourcesPath;
  if (typeof resourcesPath === 'string' && resourcesPath) candidates.push(join(resourcesPath, 'fonts'));
  const here = dirname(fileURLToPath(moduleUrl));
  // <resources>/app.asar/out/main/… : the resources folder is the one holding app.asar
  const asar = here.split(sep).lastIndexOf('app.asar');
  if (asar > 0) candidates.push(join(here.split(sep).slice(0, asar).join(sep) || sep, 'fonts'));
  for (let dir = here; ; dir = dirname(dir)) {
    candidates.push(join(dir, 'resources', 'fonts'));
    if (dir === parse(dir).root) break;
  }
  return candidates.find((c) => existsSync(join(c, BRIEF_FONT_FILES.regular))) ?? null;
}

const loaded = new Map<BriefFontStyle, Uint8Array>();

/** The font file's bytes (read once; fonts are not user content). */
export function briefFont(style: BriefFontStyle): Uint8Array {
  const cached = loaded.get(style);
  if (cached) return cached;
  const dir = findFontDirectory();
  if (dir === null) throw new VaultError('internal', 'The font for PDF briefs is missing from this installation (resources/fonts). Reinstall Fieldvault.');
  let bytes: Uint8Array;
  try {
    bytes = new Uint8Array(readFileSync(join(dir, BRIEF_FONT_FILES[style])));
  } catch {
    throw new VaultError('internal', 'The font for PDF briefs could not be read (resources/fonts). Reinstall Fieldvault.');
  }
  loaded.set(style, bytes);
  return bytes;
}

const parsed = new Map<BriefFontStyle, Font>();

/**
 * The font parsed (once per process: parsing Noto Sans's layout tables costs more than laying out a long brief).
 * pdfkit embeds a subset of it in each document.
 */
export function parsedBriefFont(style: BriefFontStyle): Font {
  const cached = parsed.get(style);
  if (cached) return cached;
  const bytes = briefFont(style);
  const font = create(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
  if (!('layout' in font)) throw new VaultError('internal', 'The font for PDF briefs is damaged (resources/fonts). Reinstall Fieldvault.');
  // fontkit keeps each glyph it makes, with the characters it was made for, and pdfkit's text layer (ToUnicode)
  // takes a glyph's characters from there. A subset made for one PDF makes the glyphs that others are built
  // from (И inside Й, У inside Ў) with no characters; a later PDF would then get them back without any, and its
  // И and У could not be read back or copied. Made here first, every glyph a character maps to keeps its
  // character, whatever was written before. Not the ligatures (ﬁ, ﬂ…): those glyphs must keep the letters the
  // layout joins ("f", "i"), and the writer never hands the font those characters (pdf-layout.ts).
  for (const cp of font.characterSet) if (!isPresentationForm(cp)) font.glyphForCodePoint(cp);
  parsed.set(style, font);
  return font;
}

/** Alphabetic presentation forms, U+FB00–U+FB4F: ligatures as characters (ﬁ, ﬂ, ﬀ…). */
export function isPresentationForm(cp: number): boolean {
  return cp >= 0xfb00 && cp <= 0xfb4f;
}

/** The characters of `text` the brief font cannot draw (they would show as empty boxes in the PDF). */
export function charactersWithoutGlyph(text: string, style: BriefFontStyle = 'regular'): string[] {
  const font = parsedBriefFont(style);
  const missing = new Set<string>();
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    // controls and format characters (line breaks, joiners) are not drawn
    if (/[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/u.test(ch)) continue;
    if (!font.hasGlyphForCodePoint(cp)) missing.add(ch);
  }
  return [...missing];
}
