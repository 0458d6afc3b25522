import defaultTaxonomy from '../../../resources/taxonomy.json';
import { defaultVaultSettings, type Taxonomy, type VaultSettings } from '../../shared/domain';
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
  const value: VaultSettings = { ...settings(s), ...patch };
  const id = s.settings?.id ?? s.store.newId();
  write(s, [{ type: 'put', kind: RecordKind.settings, id, data: value }]);
  s.settings = { id, value };
  return value;
}
