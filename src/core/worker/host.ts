import { parentPort, workerData } from 'node:worker_threads';
import { createRouter } from '../router';
import { VaultService } from '../service';
import type { WorkerOptions, WorkerRequest, WorkerResponse } from './protocol';

/**
 * The vault worker: owns the VaultService so key derivation, bulk imports and index builds never block the
 * Electron main thread. Requests are handled one at a time, in order (a lock never interleaves with a save).
 */
const port = parentPort;
if (!port) throw new Error('host.ts must run as a worker thread');

const options = (workerData ?? {}) as WorkerOptions;
const dispatch = createRouter(new VaultService({ kdf: options.kdf, readOnlyMedium: options.readOnlyMedium === true }));
let queue: Promise<void> = Promise.resolve();

port.on('message', (msg: WorkerRequest) => {
  queue = queue.then(async () => {
    const result = await dispatch(msg.operation, msg.payload);
    const response: WorkerResponse = { id: msg.id, result };
    port.postMessage(response);
  });
});
