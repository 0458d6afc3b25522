import type { Sodium } from '../crypto/sodium';
import { wipe } from '../crypto/sodium';

/**
 * Subkeys derived from the master key with crypto_kdf_derive_from_key (BLAKE2b), context "Fieldvlt". One
 * subkey per use: records, search cache and seal are AEAD keys; audit and rows are BLAKE2b keys (the audit
 * chain and the seal's per-row hashes). Format 1 also used the seal key for the row hashes.
 */
export const KDF_CONTEXT = 'Fieldvlt';
export const SUBKEY_IDS = { records: 1, search: 2, audit: 3, seal: 4, rows: 5 } as const;

export interface VaultKeys {
  readonly records: Uint8Array;
  readonly search: Uint8Array;
  readonly audit: Uint8Array;
  readonly seal: Uint8Array;
  readonly rows: Uint8Array;
}

export function deriveSubkeys(sodium: Sodium, masterKey: Uint8Array): VaultKeys {
  const derive = (id: number) => sodium.crypto_kdf_derive_from_key(32, id, KDF_CONTEXT, masterKey);
  return {
    records: derive(SUBKEY_IDS.records),
    search: derive(SUBKEY_IDS.search),
    audit: derive(SUBKEY_IDS.audit),
    seal: derive(SUBKEY_IDS.seal),
    rows: derive(SUBKEY_IDS.rows),
  };
}

export function wipeKeys(keys: VaultKeys): void {
  wipe(keys.records, keys.search, keys.audit, keys.seal, keys.rows);
}
