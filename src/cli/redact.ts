import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { parsePeopleFile } from '../core/domain/people-import';
import { describeIoError, VaultError } from '../core/errors';
import { applySpans, compileRedactor, detectMarkdown, replacementFor } from '../core/redaction';
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

async function readPath(path: string, what: string): Promise<string> {
  try {
    return await readFile(path, 'utf8');
  } catch (err) {
    if ((err as { code?: string }).code === 'ENOENT') throw new VaultError('not-found', `No such ${what} file: ${path}`);
    throw describeIoError(err, `reading ${path}`);
  }
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer));
  return Buffer.concat(chunks).toString('utf8');
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
  const people: RegisterPerson[] = args.identities === undefined ? [] : (parsePeopleFile(await readPath(args.identities, 'identities')) as RegisterPerson[]);
  const allow = args.allow === undefined ? [] : parseAllowFile(await readPath(args.allow, 'allow'));
  const input = args.file === undefined || args.file === '-' ? await readStdin() : await readPath(args.file, 'input');
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
