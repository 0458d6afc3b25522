import { useEffect, useState, type FormEvent } from 'react';
import { DEFAULT_PANIC_SHORTCUT, type PanicShortcutState, type ShortcutProblem } from '../../shared/panic-shortcut';
import { getPanicShortcut, platform, setPanicShortcut } from '../api';
import { Button } from '../components/Button';
import { TextField } from '../components/TextField';
import type { MessageId } from '../i18n/catalogs';
import { useT } from '../i18n/I18nProvider';
import { PANIC_SHORTCUT_CHANGED } from '../lock/usePanicShortcut';

const PROBLEMS: Readonly<Record<ShortcutProblem, MessageId>> = {
  empty: 'settings.panic.problem.empty',
  'no-modifier': 'settings.panic.problem.noModifier',
  'no-key': 'settings.panic.problem.noKey',
  'unknown-key': 'settings.panic.problem.unknownKey',
  'several-keys': 'settings.panic.problem.severalKeys',
  reserved: 'settings.panic.problem.reserved',
  taken: 'settings.panic.problem.taken',
};

/**
 * The panic lock's shortcut (an app preference, not the vault's: it works before any vault is unlocked, so it is
 * kept by the app, and it stays editable on a read-only vault). Main checks and registers it with the system.
 */
export function PanicShortcutSection() {
  const t = useT();
  const [state, setState] = useState<PanicShortcutState | null>(null);
  const [text, setText] = useState('');
  const [problem, setProblem] = useState<ShortcutProblem | null>(null);
  const [saved, setSaved] = useState(false);
  const [busy, setBusy] = useState(false);
  const inApp = platform() === 'electron';
  useEffect(() => {
    let alive = true;
    void getPanicShortcut().then((s) => {
      if (!alive) return;
      setState(s);
      setText(s.accelerator);
    });
    return () => {
      alive = false;
    };
  }, []);
  const apply = async (value: string) => {
    setBusy(true);
    setSaved(false);
    const r = await setPanicShortcut(value);
    setBusy(false);
    if (!r.ok) return setProblem(r.problem);
    setProblem(null);
    setState(r.state);
    setText(r.state.accelerator);
    setSaved(true);
    window.dispatchEvent(new CustomEvent(PANIC_SHORTCUT_CHANGED, { detail: r.state.accelerator }));
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void apply(text);
  };
  const status = !state ? '' : !inApp ? t('settings.panic.pageOnly') : state.global ? t('settings.panic.active', { shortcut: state.accelerator }) : t('settings.panic.notActive', { shortcut: state.accelerator });
  return (
    <form className="form settings-form" onSubmit={submit} noValidate aria-busy={busy}>
      <TextField
        label={t('settings.panic.label')}
        value={text}
        onChange={(v) => {
          setText(v);
          setProblem(null);
          setSaved(false);
        }}
        mono
        spellCheck={false}
        autoComplete="off"
        hint={t('settings.panic.hint', { example: DEFAULT_PANIC_SHORTCUT })}
        error={problem ? t(PROBLEMS[problem]) : null}
        name="panic-shortcut"
      />
      <p className={state && inApp && !state.global ? 'settings__status settings__status--error' : 'settings__status'} role="status">
        {saved ? `${t('settings.saved')} ${status}` : status}
      </p>
      <div className="settings-form__actions">
        <Button type="submit" variant="primary" busy={busy}>
          {t('settings.panic.save')}
        </Button>
        <Button type="button" variant="ghost" disabled={busy || state?.accelerator === DEFAULT_PANIC_SHORTCUT} onClick={() => void apply(DEFAULT_PANIC_SHORTCUT)}>
          {t('settings.panic.default')}
        </Button>
      </div>
    </form>
  );
}
