/**
 * Timing wrappers for the bench's breakdowns. "Phases" wrap methods of core classes (inclusive time; nested
 * phases are also counted inside their parents); "leaves" wrap libsodium / JSON calls and add their time to the
 * innermost running phase. Wrappers are installed only on methods that exist, so the bench keeps working while
 * src/core evolves: a missing method simply does not appear in the tables.
 */
import { createRequire, syncBuiltinESMExports } from 'node:module';
import { now } from './util';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Fn = (...args: any[]) => any;

export interface PhaseTotals {
  /** phase -> inclusive ms */
  readonly phases: Record<string, number>;
  /** phase -> number of calls */
  readonly calls: Record<string, number>;
  /** innermost phase -> leaf -> ms */
  readonly leaves: Record<string, Record<string, number>>;
}

export class Instrument {
  private phase: string;
  private phases: Record<string, number> = {};
  private calls: Record<string, number> = {};
  private leaves: Record<string, Record<string, number>> = {};
  enabled = true;
  readonly installed: string[] = [];

  constructor(private readonly rootName: string) {
    this.phase = rootName;
  }

  reset(): void {
    this.phases = {};
    this.calls = {};
    this.leaves = {};
  }

  snapshot(): PhaseTotals {
    return structuredClone({ phases: this.phases, calls: this.calls, leaves: this.leaves });
  }

  private addLeaf(name: string, dt: number): void {
    const l = (this.leaves[this.phase] ??= {});
    l[name] = (l[name] ?? 0) + dt;
  }

  leaf(obj: object | undefined, key: string, name: string): void {
    const o = obj as Record<string, unknown> | undefined;
    const orig = o?.[key];
    if (typeof orig !== 'function') return;
    // eslint-disable-next-line @typescript-eslint/no-this-alias -- the wrapper needs its own `this` (the wrapped object) too
    const self = this;
    o![key] = function (this: unknown, ...args: unknown[]) {
      if (!self.enabled) return (orig as Fn).apply(this, args);
      const t = now();
      try {
        return (orig as Fn).apply(this, args);
      } finally {
        self.addLeaf(name, now() - t);
      }
    };
    this.installed.push(name);
  }

  wrapPhase(obj: object | undefined, key: string, name: string): void {
    const o = obj as Record<string, unknown> | undefined;
    const orig = o?.[key];
    if (typeof orig !== 'function') return;
    // eslint-disable-next-line @typescript-eslint/no-this-alias -- the wrapper needs its own `this` (the wrapped object) too
    const self = this;
    o![key] = function (this: unknown, ...args: unknown[]) {
      if (!self.enabled) return (orig as Fn).apply(this, args);
      const outer = self.phase;
      self.phase = name;
      const t = now();
      const done = (): void => {
        self.phases[name] = (self.phases[name] ?? 0) + (now() - t);
        self.calls[name] = (self.calls[name] ?? 0) + 1;
        self.phase = outer;
      };
      let out: unknown;
      try {
        out = (orig as Fn).apply(this, args);
      } catch (e) {
        done();
        throw e;
      }
      if (out instanceof Promise) return out.finally(done);
      done();
      return out;
    };
    this.installed.push(name);
  }

  /** Times every worker thread from creation to its first message (the isolated Argon2id runs in one). */
  workers(name: string): void {
    const require = createRequire(import.meta.url);
    const wt = require('node:worker_threads') as typeof import('node:worker_threads');
    const Base = wt.Worker;
    // eslint-disable-next-line @typescript-eslint/no-this-alias -- the wrapper needs its own `this` (the wrapped object) too
    const self = this;
    class TimedWorker extends Base {
      constructor(...args: ConstructorParameters<typeof Base>) {
        super(...args);
        if (!self.enabled) return;
        const t = now();
        const phase = self.phase;
        this.once('message', () => {
          const dt = now() - t;
          self.phases[name] = (self.phases[name] ?? 0) + dt;
          self.calls[name] = (self.calls[name] ?? 0) + 1;
          const l = (self.leaves[phase] ??= {});
          l[name] = (l[name] ?? 0) + dt;
        });
      }
    }
    wt.Worker = TimedWorker as typeof Base;
    syncBuiltinESMExports();
    this.installed.push(name);
  }
}

/** The leaves every breakdown wants: libsodium primitives and JSON. */
export function standardLeaves(ins: Instrument, sodium: object): void {
  ins.leaf(sodium, 'crypto_aead_xchacha20poly1305_ietf_decrypt', 'libsodium decrypt');
  ins.leaf(sodium, 'crypto_aead_xchacha20poly1305_ietf_encrypt', 'libsodium encrypt');
  ins.leaf(sodium, 'crypto_generichash', 'BLAKE2b');
  ins.leaf(sodium, 'crypto_pwhash', 'Argon2id (main thread)');
  ins.leaf(JSON, 'parse', 'JSON.parse');
  ins.leaf(JSON, 'stringify', 'JSON.stringify');
}

/** Phases over the core classes, whichever of these methods exist in the current source. */
export function standardPhases(ins: Instrument, classes: Record<string, { prototype: object } | undefined>): void {
  const statics: Record<string, string[]> = { RecordStore: ['open', 'create'], SearchIndex: ['fromFrozen'] };
  for (const [cls, ctor] of Object.entries(classes)) {
    if (!ctor) continue;
    for (const key of statics[cls] ?? []) ins.wrapPhase(ctor, key, `${cls}.${key}`);
    for (const key of Object.getOwnPropertyNames(ctor.prototype)) {
      if (key === 'constructor') continue;
      const d = Object.getOwnPropertyDescriptor(ctor.prototype, key);
      if (!d || typeof d.value !== 'function') continue;
      ins.wrapPhase(ctor.prototype, key, `${cls}.${key}`);
    }
  }
}
