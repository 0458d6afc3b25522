import sodiumModule from 'libsodium-wrappers-sumo';

export type Sodium = typeof sodiumModule;

let ready: Promise<Sodium> | null = null;

/** libsodium (sumo build: the standard build lacks crypto_pwhash / Argon2id) once its WASM is ready. */
export function loadSodium(): Promise<Sodium> {
  ready ??= sodiumModule.ready.then(() => sodiumModule);
  return ready;
}

/** Zero key material in place. Keys only ever live in Uint8Arrays so this can reach them. */
export function wipe(...buffers: (Uint8Array | null | undefined)[]): void {
  for (const b of buffers) if (b) b.fill(0);
}
