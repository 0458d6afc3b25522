import { useId, useState } from 'react';
import { call } from '../api';
import { Button } from '../components/Button';
import { Icon } from '../components/Icon';
import { useT } from '../i18n/I18nProvider';
import { useVaultData } from '../shell/context';
import './export/export.css';
import { commonError } from '../errors';

/** Texts exports never redact: public officials, the organisation's own letterhead phones and addresses. Saved at once. */
export function AllowListEditor() {
  const { settings, setSettings } = useVaultData();
  const t = useT();
  const [draft, setDraft] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [status, setStatus] = useState('');
  const [busy, setBusy] = useState(false);
  const inputId = useId();
  const hintId = useId();
  const list = settings.allowList;

  const save = async (allowList: readonly string[], done: string) => {
    setBusy(true);
    const r = await call('settings.update', { settings: { allowList: [...allowList] } });
    setBusy(false);
    if (!r.ok) {
      setError(commonError(r.error, t));
      setStatus('');
      return false;
    }
    setError(null);
    setSettings(r.value);
    setStatus(done);
    return true;
  };

  const add = async () => {
    const text = draft.trim().replace(/\s+/g, ' ');
    if (!text) return;
    if (list.includes(text)) {
      setError(null);
      setStatus(t('allow.already', { item: text }));
      return;
    }
    if (await save([...list, text], t('allow.added', { item: text }))) setDraft('');
  };

  return (
    <div className="allow-list">
      <div className="field">
        <label className="field__label" htmlFor={inputId}>
          {t('allow.label')}
        </label>
        <div className="input-row">
          <input
            id={inputId}
            className="input"
            value={draft}
            onChange={(e) => setDraft(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === 'Enter') {
                e.preventDefault();
                void add();
              }
            }}
            placeholder={t('allow.placeholder')}
            autoComplete="off"
            spellCheck={false}
            maxLength={500}
            aria-describedby={hintId}
          />
          <Button onClick={() => void add()} disabled={!draft.trim()} busy={busy}>
            <Icon name="plus" />
            {t('allow.add')}
          </Button>
        </div>
        <p id={hintId} className="field__hint">
          {t('allow.hint')}
        </p>
      </div>
      {list.length === 0 ? <p className="allow-list__empty">{t('allow.empty')}</p> : null}
      <ul className="allow-list__items" aria-label={t('allow.list')}>
        {list.map((item) => (
          <li key={item} className="allow-list__item">
            <span className="allow-list__text">{item}</span>
            <button
              type="button"
              className="icon-button--small"
              aria-label={t('allow.remove', { item })}
              title={t('allow.removeTitle')}
              onClick={() => void save(list.filter((x) => x !== item), t('allow.removed', { item }))}
            >
              <Icon name="close" />
            </button>
          </li>
        ))}
      </ul>
      <p className={error ? 'settings__status settings__status--error' : 'settings__status'} role="status">
        {error ? t('settings.notSaved', { error }) : status}
      </p>
    </div>
  );
}
