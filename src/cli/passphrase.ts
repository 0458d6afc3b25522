import { VaultError } from '../core/errors';

/**
 * The passphrase comes from FIELDVAULT_PASSPHRASE (automation) or an interactive prompt with echo off.
 * It is never accepted as a command-line argument: those show up in process lists and shell history.
 */
export async function readPassphrase(prompt: string, options: { confirm?: boolean } = {}): Promise<string> {
  const fromEnv = process.env.FIELDVAULT_PASSPHRASE;
  if (fromEnv !== undefined && fromEnv !== '') return fromEnv;
  if (!process.stdin.isTTY) {
    throw new VaultError('invalid-request', 'No passphrase: set FIELDVAULT_PASSPHRASE or run in a terminal to be asked.');
  }
  const first = await promptHidden(prompt);
  if (options.confirm) {
    const second = await promptHidden('Repeat the passphrase: ');
    if (first !== second) throw new VaultError('invalid-request', 'The two passphrases do not match.');
  }
  return first;
}

/** Reads a line from the terminal with echo off (also the travel recovery code, src/cli/travel.ts). */
export function promptHidden(prompt: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const stdin = process.stdin;
    process.stderr.write(prompt);
    stdin.setRawMode(true);
    stdin.resume();
    stdin.setEncoding('utf8');
    let value = '';
    const done = (err?: Error) => {
      stdin.setRawMode(false);
      stdin.pause();
      stdin.removeListener('data', onData);
      process.stderr.write('\n');
      if (err) reject(err);
      else resolve(value);
    };
    const onData = (chunk: string) => {
      for (const ch of chunk) {
        if (ch === '\r' || ch === '\n') return done();
        if (ch === '\u0003') return done(new VaultError('invalid-request', 'Cancelled.'));
        if (ch === '\u0004') return done();
        if (ch === '\u007f' || ch === '\b') value = value.slice(0, -1);
        else value += ch;
      }
    };
    stdin.on('data', onData);
  });
}
