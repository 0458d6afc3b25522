import { createInterface } from 'node:readline';
import { VaultError } from '../core/errors';
import { decodeText } from './text-file';

/**
 * The search query never comes from the command line: arguments are kept in shell history, shown in the
 * process list to every user of the machine, and written by npm into its debug log. It is read from standard
 * input when that is a pipe or a file (the whole of it, trimmed: one query), or typed at a prompt otherwise.
 */

/** The app accepts queries up to this length too (src/shared/operations.ts). */
export const MAX_QUERY_CHARS = 500;

export class QueryUsageError extends Error {}

export function normaliseQuery(raw: string): string {
  const query = raw.replace(/^\uFEFF/, '').replace(/\s+/gu, ' ').trim();
  if (query === '') {
    throw new QueryUsageError(
      process.stdin.isTTY ? 'No query was typed.' : 'No query on standard input: pipe it in, for example from a file with "< query.txt", or run in a terminal to be asked.',
    );
  }
  if ([...query].length > MAX_QUERY_CHARS) throw new QueryUsageError(`The query is longer than ${MAX_QUERY_CHARS} characters.`);
  return query;
}

/** `signal` stops reading (unlocking failed meanwhile): the promise then rejects with the signal's reason. */
export async function readQuery(signal?: AbortSignal): Promise<string> {
  return normaliseQuery(process.stdin.isTTY ? await promptQuery('Search for: ', signal) : await readAllStdin(signal));
}

async function readAllStdin(signal?: AbortSignal): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  const stop = () => process.stdin.destroy();
  signal?.addEventListener('abort', stop, { once: true });
  try {
    for await (const chunk of process.stdin) {
      const b = typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer);
      size += b.length;
      // A query is a few words; 64 KB on standard input is a mistake (a note piped to the wrong command).
      if (size > 64 * 1024) throw new QueryUsageError(`The query is longer than ${MAX_QUERY_CHARS} characters.`);
      chunks.push(b);
    }
  } catch (err) {
    if (signal?.aborted) throw signal.reason;
    throw err;
  } finally {
    signal?.removeEventListener('abort', stop);
  }
  if (signal?.aborted) throw signal.reason;
  // Decoded as notes are (a BOM, UTF-16, Windows-1251 Cyrillic): a query saved by Notepad finds what it says.
  try {
    return decodeText(Buffer.concat(chunks), 'The query on standard input');
  } catch (err) {
    throw new QueryUsageError(err instanceof VaultError ? err.message : 'The query on standard input is not text.');
  }
}

/** Echo stays on (it is the researcher's own screen); readline keeps no history file. */
function promptQuery(prompt: string, signal?: AbortSignal): Promise<string> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason);
      return;
    }
    const rl = createInterface({ input: process.stdin, output: process.stderr, terminal: true, historySize: 0 });
    let settled = false;
    const finish = (err: unknown, value = '') => {
      if (settled) return;
      settled = true;
      signal?.removeEventListener('abort', onAbort);
      rl.close();
      process.stdin.pause();
      if (err) reject(err);
      else resolve(value);
    };
    const onAbort = () => {
      process.stderr.write('\n');
      finish(signal!.reason);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
    rl.on('SIGINT', () => {
      process.stderr.write('\n');
      finish(new VaultError('invalid-request', 'Cancelled.'));
    });
    rl.on('close', () => finish(null, ''));
    rl.question(prompt, (answer) => finish(null, answer));
  });
}
