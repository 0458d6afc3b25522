/**
 * Every command of the command line, and whether it opens an existing vault (unlocks it through withVault in
 * main.ts). main dispatches on this table (an unknown name is a usage error, and a command missing from it does
 * not compile), and bin/fieldvault.mjs reads it through early-worker.ts to start the key derivation before the
 * rest loads. A command marked wrongly only loses that early start, or starts a derivation it closes unused.
 */
export const COMMANDS = {
  init: { opensVault: false }, // makes a new vault: its key comes from the parameters chosen then
  import: { opensVault: true },
  people: { opensVault: true },
  list: { opensVault: true },
  search: { opensVault: true },
  redact: { opensVault: false },
  export: { opensVault: true },
  brief: { opensVault: true },
  card: { opensVault: true },
  colleagues: { opensVault: true },
  open: { opensVault: true },
  backup: { opensVault: true },
  restore: { opensVault: false }, // writes a new vault from a backup file
  travel: { opensVault: true },
} as const satisfies Record<string, { readonly opensVault: boolean }>;

export type Command = keyof typeof COMMANDS;

export function isCommand(name: string): name is Command {
  return Object.hasOwn(COMMANDS, name);
}
