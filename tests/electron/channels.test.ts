import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  CHOOSE_EXPORT_CHANNEL,
  CHOOSE_FILE_CHANNEL,
  CHOOSE_LOCATION_CHANNEL,
  CLIPBOARD_STATUS_CHANNEL,
  COPY_SECRET_CHANNEL,
  LOCK_REQUEST_CHANNEL,
  LOCKED_CHANNEL,
  NATIVE_TEXT_CHANNEL,
  OPERATION_CHANNELS,
  channelOperationNames,
} from '../../electron/common/channels';
import { operationNames } from '../../src/shared/operations';

describe('IPC channels', () => {
  it('has exactly one channel per operation of the contract', () => {
    expect([...channelOperationNames].sort()).toEqual([...operationNames].sort());
  });

  it('names each channel after its operation, all distinct', () => {
    for (const name of operationNames) expect(OPERATION_CHANNELS[name]).toBe(`fieldvault:${name}`);
    const all = [...Object.values(OPERATION_CHANNELS), CHOOSE_LOCATION_CHANNEL, CHOOSE_EXPORT_CHANNEL, CHOOSE_FILE_CHANNEL, LOCKED_CHANNEL, LOCK_REQUEST_CHANNEL, COPY_SECRET_CHANNEL, NATIVE_TEXT_CHANNEL, CLIPBOARD_STATUS_CHANNEL];
    for (const channel of all) expect(channel).toMatch(/^fieldvault:[A-Za-z.]+$/);
    expect(new Set(all).size).toBe(all.length);
  });

  it('keeps the channel table free of runtime imports (the sandboxed preload bundles it)', () => {
    const source = readFileSync(new URL('../../electron/common/channels.ts', import.meta.url), 'utf8');
    const imports = source.split('\n').filter((line) => /^\s*import\s/.test(line));
    expect(imports.every((line) => /^\s*import\s+type\s/.test(line))).toBe(true);
  });
});
