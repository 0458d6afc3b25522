import type { InterviewFields } from '../../shared/domain';

/** An existing note (.md or .txt) becomes one interview: title from its first heading, else the file name. */
export function interviewFromNote(fileName: string, text: string): Partial<InterviewFields> {
  const body = text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  const heading = /^\s{0,3}#{1,6}\s+(.+?)\s*#*\s*$/m.exec(body);
  const setext = /^(.+)\n(=+|-+)\s*$/m.exec(body);
  const fromHeading = heading?.[1] ?? (setext && body.indexOf(setext[0]) === body.search(/\S/) ? setext[1] : undefined);
  const title = (fromHeading ?? fileName.replace(/\.(md|markdown|txt)$/i, '')).trim().slice(0, 1000);
  return { title, body };
}
