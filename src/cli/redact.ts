import { z } from 'zod';
import { parsePeopleFile } from '../core/domain/people-import';
import { VaultError } from '../core/errors';
import { applySpans, compileRedactor, detectMarkdown, replacementFor } from '../core/redaction';
import { userPath } from './paths';
import { decodeText, READ_LIMITS, readBoundedStdin, readTextFile, type ReadLimit } from './text-file';
import type { RegisterPerson } from '../core/redaction';

/**
 * `fieldvault redact [--identities FILE] [--allow FILE] [--json] [FILE|-]`: prints the redacted text (automatic
 * findings only), or with --json {"text", "spans":[{"start","end","kind"}], "suggestions":[...]} with JavaScript
 * string offsets into the input. The lead wires it into main.ts; this module only returns what to print.
 */

export interface RedactArgs {
  readonly identities?: string;
  readonly allow?: string;
  readonly json: boolean;
  /** A path, or '-' (or nothing) for standard input. */
  readonly file?: string;
}

const allowSchema = z.object({ allow: z.array(z.string().max(1000)).max(10_000) });

/** Files are read and decoded as notes are (the one reader: a BOM, UTF-16 and Windows-1251 Cyrillic included). */
function readPath(path: string, limit: ReadLimit, what: string): string {
  return readTextFile(userPath(path, 'source'), limit, `${what} file`);
}

async function readStdin(): Promise<string> {
  return decodeText(await readBoundedStdin(READ_LIMITS.redactInput), 'The standard input');
}

export function parseAllowFile(text: string): string[] {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new VaultError('invalid-request', 'The allow file is not valid JSON.');
  }
  const parsed = allowSchema.safeParse(json);
  if (!parsed.success) throw new VaultError('invalid-request', 'The allow file does not match {"allow":["..."]}.');
  return parsed.data.allow;
}

export async function redactCommand(args: RedactArgs): Promise<string> {
  const people: RegisterPerson[] = args.identities === undefined ? [] : (parsePeopleFile(readPath(args.identities, READ_LIMITS.people, 'identities')) as RegisterPerson[]);
  const allow = args.allow === undefined ? [] : parseAllowFile(readPath(args.allow, READ_LIMITS.allow, 'allow'));
  const input = args.file === undefined || args.file === '-' ? await readStdin() : readPath(args.file, READ_LIMITS.redactInput, 'input');
  if (input.includes('\u0000')) throw new VaultError('invalid-request', 'The input is not a text file.');
  // Notes are Markdown, and a reader reads through its marks: "+996 772 **44** 55 66" is a phone number to them.
  // So the input is searched as written and as rendered (detectMarkdown), spans in the input's offsets.
  const redactor = compileRedactor({ people, allow });
  const d = detectMarkdown(redactor, input);
  const spans = d.spans.map((x) => ({ start: x.start, end: x.end, kind: x.kind, replacement: replacementFor(x.kind, x.people, people, undefined) }));
  const text = applySpans(input, spans);
  if (!args.json) return text;
  return JSON.stringify({ text, spans: spans.map(({ start, end, kind }) => ({ start, end, kind })), suggestions: d.suggestions });
}
