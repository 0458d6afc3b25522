/**
 * What the leak check reads back from a finished document: everything a reader could see and everything a tool
 * could pull out of the file.
 */
export interface ExtractedText {
  /** The text a reader sees (the body with headers, footers and notes), paragraphs or lines on lines of their own. */
  readonly body: string;
  /** The file's properties (title, author, producer, …) and any other stored text, one item on a line. */
  readonly properties: string;
}

/** Body and properties as one text, for a check that must see all of it. */
export function allText(extracted: ExtractedText): string {
  return `${extracted.body}\n${extracted.properties}`;
}
