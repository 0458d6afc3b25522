/** Briefs as documents: the Word and PDF writers, and the read-back of their bytes for the leak check. */
export { writeDocx, type BriefDocxOptions } from './docx-writer';
export { writePdf, type BriefPdfOptions } from './pdf-writer';
export { textOfDocx } from './read-docx';
export { textOfPdf } from './read-pdf';
export { allText, type ExtractedText } from './read-back';
export { charactersWithoutGlyph } from './fonts';
