import { Worker } from 'node:worker_threads';
import { fail, type Result } from '../../shared/result';
import type { Dispatch } from '../router';
import type { WorkerOptions, WorkerRequest, WorkerResponse } from './protocol';

export interface VaultWorker {
  readonly dispatch: Dispatch;
  /** Called when the worker died: the vault is locked from then on (keys went with it). */
  onExit(listener: () => void): void;
  terminate(): Promise<void>;
}

export interface VaultWorkerConfig {
  /** The worker entry: out/main/worker.js in the built app, src/core/worker/host.ts under tsx. */
  readonly entry: string | URL;
  readonly execArgv?: readonly string[];
  readonly options?: WorkerOptions;
}

/** Runs the core in a worker thread and exposes the router's dispatch across it. Restarts after a crash. */
export function startVaultWorker(config: VaultWorkerConfig): VaultWorker {
  let worker: Worker;
  let nextId = 1;
  let stopping = false;
  const pending = new Map<number, (r: Result<unknown>) => void>();
  const exitListeners: (() => void)[] = [];

  const spawn = () => {
    worker = new Worker(config.entry, { workerData: config.options ?? {}, execArgv: [...(config.execArgv ?? [])] });
    worker.on('message', (msg: WorkerResponse) => {
      const resolve = pending.get(msg.id);
      pending.delete(msg.id);
      resolve?.(msg.result);
    });
    worker.on('error', () => {
      /* reported through 'exit' below; the error text may quote content, so it is not logged */
    });
    worker.on('exit', () => {
      for (const resolve of pending.values()) resolve(fail('internal', 'The vault worker stopped; the vault is locked.'));
      pending.clear();
      exitListeners.forEach((l) => l());
      if (!stopping) spawn();
    });
  };
  spawn();

  return {
    dispatch: (operation, payload) =>
      new Promise((resolve) => {
        const id = nextId++;
        pending.set(id, resolve);
        const request: WorkerRequest = { id, operation, payload };
        try {
          worker.postMessage(request);
        } catch {
          pending.delete(id);
          resolve(fail('invalid-request', 'The request could not be sent to the vault.'));
        }
      }),
    onExit: (listener) => {
      exitListeners.push(listener);
    },
    terminate: async () => {
      stopping = true;
      await worker.terminate();
    },
  };
}
