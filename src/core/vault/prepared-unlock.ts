import { passphraseBytes } from '../crypto/kdf';
import { UnlockWorker } from '../crypto/unlock-worker';
import { decodeHeader, readHeaderFile } from './header';
import { locateExistingVault } from './layout';

/**
 * An unlock whose key derivation started before the vault core was loaded: the command line starts Argon2id
 * first, and loading SQLite, libsodium and the search code (a fifth of a second) then costs no time of its own.
 * RecordStore.open uses it only when the header it reads while holding the vault's lock is byte for byte the
 * header derived from and the passphrase is the same; otherwise it derives again.
 */
export interface PreparedUnlock {
  readonly worker: UnlockWorker;
  readonly headerBytes: Uint8Array;
  /** The passphrase derived from (UTF-8, NFC): compared by open, then zeroed by it. */
  readonly passphrase: Uint8Array;
  readonly derivation: Promise<Uint8Array>;
}

/**
 * Null when the vault cannot be read yet: open then says what is wrong, in its own words. `worker`: one started
 * earlier (it is used, or closed when there is nothing to derive).
 */
export function prepareUnlock(path: string, passphrase: string, worker?: UnlockWorker): PreparedUnlock | null {
  const bytes = passphraseBytes(passphrase);
  try {
    const headerBytes = readHeaderFile(locateExistingVault(path).header);
    const header = decodeHeader(headerBytes);
    const deriver = worker ?? new UnlockWorker();
    const derivation = deriver.derive(bytes, header.salt, header.kdf);
    derivation.catch(() => undefined); // awaited by open, or dropped with the worker
    return { worker: deriver, headerBytes, passphrase: bytes, derivation };
  } catch {
    bytes.fill(0);
    worker?.close();
    return null;
  }
}
