import type { Brief, BriefBlock } from '../../shared/brief';

/**
 * The brief's text as a document can hold it: line breaks as \n; control characters (pasted from other
 * programs) as spaces, so that words on either side stay apart; characters XML cannot carry (a .docx with them
 * does not open) and broken UTF-16 as U+FFFD.
 */
export function printable(text: string): string {
  return text
    .replace(/\r\n?|[\u2028\u2029\u0085]/g, '\n')
    // \p{Cc} less tab and line feed: the control characters, C0 and C1
    .replace(/(?![\t\n])\p{Cc}/gu, ' ')
    .replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]|[\uFFFE\uFFFF]/g, '\uFFFD');
}

/** The brief with every string made printable: what both writers are given. */
export function printableBrief(brief: Brief): Brief {
  const block = (b: BriefBlock): BriefBlock => ({ ...b, text: printable(b.text) });
  return {
    title: printable(brief.title),
    period: brief.period,
    method: brief.method.map(printable),
    incidents: brief.incidents.map((r) => ({ ...r, type: printable(r.type), place: printable(r.place), month: printable(r.month) })),
    sections: brief.sections.map((s) => ({
      code: printable(s.code),
      heading: printable(s.heading),
      details: s.details.map(printable),
      blocks: s.blocks.map(block),
    })),
  };
}
