import { existsSync, readdirSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { VaultError } from '../errors';

/** A vault is a folder holding a 128-byte header and an SQLite file of ciphertext. */
export const HEADER_FILE = 'fieldvault.header';
export const DATABASE_FILE = 'fieldvault.db';

export interface VaultPaths {
  readonly dir: string;
  readonly header: string;
  readonly database: string;
}

/** "~/Documents/x" means the user's home folder in every front end (app, preview, CLI). */
export function expandHome(path: string): string {
  return path === '~' || path.startsWith('~/') || path.startsWith('~\\') ? join(homedir(), path.slice(1)) : path;
}

export function vaultPaths(dir: string): VaultPaths {
  const abs = resolve(expandHome(dir));
  return { dir: abs, header: join(abs, HEADER_FILE), database: join(abs, DATABASE_FILE) };
}

/** Accepts the vault folder, or either of its two files (what a file picker tends to return). */
export function locateExistingVault(path: string): VaultPaths {
  const abs = resolve(expandHome(path));
  let stat;
  try {
    stat = statSync(abs);
  } catch {
    throw new VaultError('vault-not-found', 'No vault was found at that location.');
  }
  if (stat.isDirectory()) {
    const paths = vaultPaths(abs);
    if (!existsSync(paths.header)) {
      throw new VaultError('not-a-vault', 'That folder is not a Fieldvault vault (it has no vault header).');
    }
    return paths;
  }
  const name = basename(abs);
  if (name === HEADER_FILE || name === DATABASE_FILE) return locateExistingVault(dirname(abs));
  throw new VaultError('not-a-vault', 'That file is not a Fieldvault vault. Choose the vault folder.');
}

/** A new vault goes into a folder that does not exist yet, or an empty one. */
export function prepareNewVault(path: string): VaultPaths {
  const paths = vaultPaths(path);
  if (existsSync(paths.dir)) {
    const stat = statSync(paths.dir);
    if (!stat.isDirectory()) throw new VaultError('vault-exists', 'A file already exists at that location.');
    if (existsSync(paths.header)) throw new VaultError('vault-exists', 'A vault already exists in that folder.');
    if (readdirSync(paths.dir).length > 0) {
      throw new VaultError('vault-exists', 'That folder is not empty. Choose a new or empty folder for the vault.');
    }
  }
  return paths;
}
