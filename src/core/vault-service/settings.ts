import defaultTaxonomy from '../../../resources/taxonomy.json';
import { defaultVaultSettings, type Taxonomy, type VaultSettings } from '../../shared/domain';
import { settingsChange } from '../domain/audit-changes';
import { RecordKind } from '../vault/store';
import { commit, write, type Session } from './session';

/** The vault's taxonomy and settings: one record each, the defaults until first changed. */

export function taxonomy(s: Session): Taxonomy {
  return s.taxonomy?.value ?? (defaultTaxonomy as Taxonomy);
}

export function updateTaxonomy(s: Session, taxonomy: Taxonomy): Taxonomy {
  const id = s.taxonomy?.id ?? s.store.newId();
  commit(s, [{ type: 'put', kind: RecordKind.taxonomy, id, data: taxonomy }], 'taxonomy changed', '');
  s.taxonomy = { id, value: taxonomy };
  return taxonomy;
}

export function settings(s: Session): VaultSettings {
  return s.settings?.value ?? defaultVaultSettings;
}

export function updateSettings(s: Session, patch: Partial<VaultSettings>): VaultSettings {
  const before = settings(s);
  const value: VaultSettings = { ...before, ...patch };
  const id = s.settings?.id ?? s.store.newId();
  // The log names the settings that changed and counts allow-list entries; it never holds the entries.
  const detail = settingsChange(before, value);
  const ops = [{ type: 'put' as const, kind: RecordKind.settings, id, data: value }];
  if (detail) commit(s, ops, 'settings changed', '', detail);
  else write(s, ops);
  s.settings = { id, value };
  return value;
}
