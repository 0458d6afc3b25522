import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

/** The layering rules in eslint.config.js, tried on code that breaks them (and on code that does not). */
const eslint = new ESLint({ cwd: new URL('../..', import.meta.url).pathname });

async function problems(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return result!.messages.filter((m) => m.ruleId === 'no-restricted-imports' || m.ruleId === 'no-restricted-syntax').map((m) => m.message);
}

describe('layering lint rules', () => {
  const violations: [string, string][] = [
    ['src/core/x.ts', "import { app } from 'electron';"],
    ['src/core/x.ts', "export const e = await import('electron');"],
    ['src/core/x.ts', "export const e = require('electron');"],
    ['src/core/x.ts', "import { App } from '../renderer';"],
    ['src/core/x.ts', "import { App } from '../renderer/App';"],
    ['src/shared/x.ts', "import { VaultService } from '../core/service';"],
    ['src/shared/x.ts', "import { readFileSync } from 'node:fs';"],
    ['src/renderer/x.ts', "import { VaultService } from '../core';"],
    ['src/renderer/x.ts', "import { createHash } from 'crypto';"],
    ['src/renderer/x.ts', "import net from 'net';"],
    ['src/renderer/x.ts', "import Database from 'better-sqlite3';"],
    ['src/renderer/x.ts', "export const e = require('electron');"],
    ['src/cli/x.ts', "import { ipcMain } from 'electron';"],
    ['electron/main/x.ts', "import { App } from '../../src/renderer/App';"],
    ['electron/main/x.ts', "import { VaultService } from '../../src/core/service';"],
    ['src/core/vault-service/x.ts', "import { VaultService } from '../service';"],
    ['src/core/vault/x.ts', "import type { VaultService } from '../service';"],
  ];
  for (const [file, code] of violations) {
    it(`flags ${file}: ${code}`, async () => {
      expect(await problems(file, code)).not.toEqual([]);
    });
  }

  const allowed: [string, string][] = [
    ['electron/main/x.ts', "import { app } from 'electron';"],
    ['electron/main/x.ts', "import { startVaultWorker } from '../../src/core/worker/client';"],
    ['src/renderer/x.ts', "import type { Person } from '../shared/domain';"],
    ['src/core/x.ts', "import { readFileSync } from 'node:fs';"],
    ['src/cli/x.ts', "import { VaultService } from '../core/service';"],
    ['src/core/router.ts', "import type { VaultService } from './service';"],
    ['src/core/vault-service/x.ts', "import { requireSession } from './session';"],
  ];
  for (const [file, code] of allowed) {
    it(`allows ${file}: ${code}`, async () => {
      expect(await problems(file, code)).toEqual([]);
    });
  }
});
