import { Worker } from 'node:worker_threads';
import { fail, type Result } from '../../shared/result';
import type { Dispatch } from '../router';
import type { WorkerOptions, WorkerRequest, WorkerResponse } from './protocol';

export interface VaultWorker {
  readonly dispatch: Dispatch;
  /** Called when the worker died: the vault is locked from then on (keys went with it). */
  onExit(listener: () => void): void;
  /** The current worker thread (it changes after every lock). */
  readonly threadId: number;
  /**
   * Ends the key-holding thread now, without the orderly lock (no checkpoint, no lock entry in the audit log):
   * for suspend and the end of the session, when the OS may freeze or end the process at any moment. Requests in
   * flight resolve as failed; later ones go to a fresh, locked worker. Not reported to onExit. SQLite rolls back
   * a write the thread was in the middle of, as after a crash.
   */
  kill(): Promise<void>;
  terminate(): Promise<void>;
}

export interface VaultWorkerConfig {
  /** The worker entry: out/main/worker.js in the built app, src/core/worker/host.ts under tsx. */
  readonly entry: string | URL;
  readonly execArgv?: readonly string[];
  readonly options?: WorkerOptions;
}

/**
 * Runs the core in a worker thread and exposes the router's dispatch across it. Restarts after a crash.
 * After every lock the worker is replaced by a fresh one: libsodium.js copies keys into its WebAssembly heap
 * for each call and frees them without wiping, so only discarding that heap really removes them.
 */
export function startVaultWorker(config: VaultWorkerConfig): VaultWorker {
  interface Slot {
    readonly worker: Worker;
    readonly pending: Map<number, (r: Result<unknown>) => void>;
    retiring: boolean;
  }
  let nextId = 1;
  let stopping = false;
  let gate: Promise<void> = Promise.resolve();
  const exitListeners: (() => void)[] = [];

  const spawn = (): Slot => {
    const slot: Slot = {
      worker: new Worker(config.entry, { workerData: config.options ?? {}, execArgv: [...(config.execArgv ?? [])] }),
      pending: new Map(),
      retiring: false,
    };
    slot.worker.on('message', (msg: WorkerResponse) => {
      const resolve = slot.pending.get(msg.id);
      slot.pending.delete(msg.id);
      resolve?.(msg.result);
      if (slot.retiring && slot.pending.size === 0) void slot.worker.terminate();
    });
    slot.worker.on('error', () => {
      /* reported through 'exit' below; the error text may quote content, so it is not logged */
    });
    slot.worker.on('exit', () => {
      for (const resolve of slot.pending.values()) resolve(fail('internal', 'The vault worker stopped; the vault is locked.'));
      slot.pending.clear();
      if (slot.retiring) return; // replaced on purpose after a lock
      exitListeners.forEach((l) => l());
      if (!stopping && slot === current) current = spawn();
    });
    return slot;
  };
  let current = spawn();

  // New requests go to a fresh worker at once; the old one answers what it already has, then ends.
  const recycle = async () => {
    const old = current;
    old.retiring = true;
    current = spawn();
    if (old.pending.size === 0) await old.worker.terminate();
  };

  const send = (operation: unknown, payload: unknown): Promise<Result<unknown>> =>
    new Promise((resolve) => {
      const id = nextId++;
      const slot = current;
      slot.pending.set(id, resolve);
      const request: WorkerRequest = { id, operation, payload };
      try {
        slot.worker.postMessage(request);
      } catch {
        slot.pending.delete(id);
        resolve(fail('invalid-request', 'The request could not be sent to the vault.'));
      }
    });

  return {
    dispatch: async (operation, payload) => {
      await gate;
      const result = await send(operation, payload);
      // After a lock, and after a restore attempt (which unlocks the restored copy to verify it) while no vault is
      // open, a fresh worker: the old one's WebAssembly heap may still hold key bytes libsodium freed unwiped.
      if (operation === 'vault.lock' && !stopping) gate = recycle();
      if (operation === 'backup.restore' && !stopping) {
        const status = await send('vault.status', {});
        if (status.ok && (status.value as { readonly state?: string }).state !== 'unlocked') gate = recycle();
      }
      return result;
    },
    onExit: (listener) => {
      exitListeners.push(listener);
    },
    get threadId() {
      return current.worker.threadId;
    },
    kill: async () => {
      if (stopping) return;
      const old = current;
      old.retiring = true;
      // terminate() stops the thread's JavaScript at once; the fresh worker is started only after that.
      const ended = old.worker.terminate();
      current = spawn();
      for (const resolve of old.pending.values()) resolve(fail('internal', 'The vault was locked before this request finished.'));
      old.pending.clear();
      await ended;
    },
    terminate: async () => {
      stopping = true;
      await gate;
      await current.worker.terminate();
    },
  };
}
