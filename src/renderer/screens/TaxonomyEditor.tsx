import transliterate from '@sindresorhus/transliterate';
import { useEffect, useState } from 'react';
import type { IncidentGroup, Taxonomy } from '../../shared/domain';
import type { OperationPayload } from '../../shared/operations';
import { call } from '../api';
import { Alert } from '../components/Alert';
import { Button } from '../components/Button';
import { Icon } from '../components/Icon';
import { commonError } from '../errors';
import { useT } from '../i18n/I18nProvider';
import { groupLabel, typeLabel } from '../i18n/taxonomy';
import { useVaultData } from '../shell/context';

/** A lowercase-hyphen id for a new group or type, unique among `taken` (Cyrillic transliterated: "Обыски" -> obyski). */
function slug(label: string, taken: ReadonlySet<string>): string {
  const base =
    transliterate(label)
      .normalize('NFKD')
      .replace(/\p{M}/gu, '')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 60) || 'type';
  let id = base;
  for (let n = 2; taken.has(id); n++) id = `${base}-${n}`;
  return id;
}

function allIds(t: Taxonomy): Set<string> {
  return new Set(t.groups.flatMap((g) => [g.id, ...g.types.map((x) => x.id)]));
}

/**
 * The incident types interviews are classified with: groups and their types. Renaming keeps the id, so
 * interviews already classified keep their types. Changes are saved together with "Save changes".
 */
export function TaxonomyEditor() {
  const { taxonomy, setTaxonomy } = useVaultData();
  const t = useT();
  const [draft, setDraft] = useState<Taxonomy>(taxonomy);
  const [newGroup, setNewGroup] = useState('');
  const [newTypes, setNewTypes] = useState<Record<string, string>>({});
  const [status, setStatus] = useState<{ tone: 'success' | 'error'; text: string } | null>(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => setDraft(taxonomy), [taxonomy]);
  const dirty = JSON.stringify(draft) !== JSON.stringify(taxonomy);
  const invalid = draft.groups.some((g) => !g.label.trim() || g.types.some((x) => !x.label.trim()));

  const setGroup = (gid: string, fn: (g: IncidentGroup) => IncidentGroup) => {
    setStatus(null);
    setDraft((d) => ({ groups: d.groups.map((g) => (g.id === gid ? fn(g) : g)) }));
  };
  const addType = (gid: string) => {
    const label = (newTypes[gid] ?? '').trim();
    if (!label) return;
    setGroup(gid, (g) => ({ ...g, types: [...g.types, { id: slug(label, allIds(draft)), label }] }));
    setNewTypes((n) => ({ ...n, [gid]: '' }));
  };
  const addGroup = () => {
    const label = newGroup.trim();
    if (!label) return;
    setStatus(null);
    setDraft((d) => ({ groups: [...d.groups, { id: slug(label, allIds(d)), label, types: [] }] }));
    setNewGroup('');
  };
  const save = async () => {
    setBusy(true);
    const clean: Taxonomy = { groups: draft.groups.map((g) => ({ ...g, label: g.label.trim(), types: g.types.map((x) => ({ ...x, label: x.label.trim() })) })) };
    const r = await call('taxonomy.update', { taxonomy: clean as OperationPayload<'taxonomy.update'>['taxonomy'] });
    setBusy(false);
    if (!r.ok) return setStatus({ tone: 'error', text: commonError(r.error, t) });
    setTaxonomy(r.value);
    setStatus({ tone: 'success', text: t('taxonomy.saved') });
  };

  return (
    <div className="taxonomy">
      {/* A built-in label not renamed shows in the interface's language but is kept as stored (see i18n/taxonomy.ts);
          typing over it makes it the researcher's own label. */}
      {draft.groups.map((g) => (
        <fieldset key={g.id} className="taxonomy__group">
          <legend className="visually-hidden">{groupLabel(t, g) || t('taxonomy.unnamedGroup')}</legend>
          <div className="taxonomy__group-head">
            <input
              className="input input--compact taxonomy__group-label"
              aria-label={t('taxonomy.groupName', { label: groupLabel(t, g) })}
              value={groupLabel(t, g)}
              onChange={(e) => setGroup(g.id, (x) => ({ ...x, label: e.target.value }))}
              aria-invalid={!g.label.trim() || undefined}
              autoComplete="off"
            />
            <button type="button" className="icon-button--small" aria-label={t('taxonomy.removeGroup', { label: groupLabel(t, g) })} title={t('taxonomy.removeGroupTitle')} onClick={() => (setStatus(null), setDraft((d) => ({ groups: d.groups.filter((x) => x.id !== g.id) })))}>
              <Icon name="trash" />
            </button>
          </div>
          <ul className="taxonomy__types">
            {g.types.map((type) => (
              <li key={type.id} className="taxonomy__type">
                <input
                  className="input input--compact"
                  aria-label={t('taxonomy.typeName', { label: typeLabel(t, type) })}
                  value={typeLabel(t, type)}
                  onChange={(e) => setGroup(g.id, (x) => ({ ...x, types: x.types.map((y) => (y.id === type.id ? { ...y, label: e.target.value } : y)) }))}
                  aria-invalid={!type.label.trim() || undefined}
                  autoComplete="off"
                />
                <button type="button" className="icon-button--small" aria-label={t('taxonomy.removeType', { label: typeLabel(t, type) })} title={t('taxonomy.removeTypeTitle')} onClick={() => setGroup(g.id, (x) => ({ ...x, types: x.types.filter((y) => y.id !== type.id) }))}>
                  <Icon name="close" />
                </button>
              </li>
            ))}
            <li className="taxonomy__type taxonomy__type--new">
              <input
                className="input input--compact"
                aria-label={t('taxonomy.newType', { label: groupLabel(t, g) })}
                placeholder={t('taxonomy.newTypePlaceholder')}
                value={newTypes[g.id] ?? ''}
                autoComplete="off"
                onChange={(e) => setNewTypes((n) => ({ ...n, [g.id]: e.target.value }))}
                onKeyDown={(e) => {
                  if (e.key === 'Enter') {
                    e.preventDefault();
                    addType(g.id);
                  }
                }}
              />
              <button type="button" className="icon-button--small" aria-label={t('taxonomy.addType', { label: groupLabel(t, g) })} title={t('allow.add')} onClick={() => addType(g.id)}>
                <Icon name="plus" />
              </button>
            </li>
          </ul>
        </fieldset>
      ))}
      <div className="taxonomy__new-group">
        <input
          className="input input--compact"
          aria-label={t('taxonomy.newGroup')}
          placeholder={t('taxonomy.newGroupPlaceholder')}
          value={newGroup}
          autoComplete="off"
          onChange={(e) => setNewGroup(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter') {
              e.preventDefault();
              addGroup();
            }
          }}
        />
        <Button onClick={addGroup}>
          <Icon name="plus" />
          {t('taxonomy.addGroup')}
        </Button>
      </div>
      {status ? (
        <Alert tone={status.tone} title={status.tone === 'error' ? t('taxonomy.notSaved') : undefined}>
          {status.text}
        </Alert>
      ) : null}
      <div className="settings-form__actions taxonomy__actions">
        <Button variant="primary" onClick={() => void save()} disabled={!dirty || invalid} busy={busy}>
          {t('taxonomy.save')}
        </Button>
        <Button onClick={() => (setDraft(taxonomy), setStatus(null))} disabled={!dirty}>
          {t('taxonomy.discard')}
        </Button>
        {invalid ? <span className="taxonomy__invalid">{t('taxonomy.invalid')}</span> : null}
      </div>
    </div>
  );
}
