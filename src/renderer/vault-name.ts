/** "/home/a/Documents/Fieldwork.fieldvault" -> "Fieldwork". Display only. */
export function vaultName(path: string): string {
  const base = path.replace(/[\\/]+$/, '').split(/[\\/]/).pop() ?? '';
  const name = base.replace(/\.fieldvault$/i, '');
  return name || 'Vault';
}

export const DEFAULT_VAULT_PATH = '~/Documents/Fieldwork.fieldvault';
