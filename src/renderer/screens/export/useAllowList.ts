import { useCallback, useRef, useState } from 'react';
import { call } from '../../api';
import { commonError } from '../../errors';
import { useT } from '../../i18n/I18nProvider';
import { useVaultData } from '../../shell/context';
import { tidy } from './redaction';
import type { AllowNotice } from './ReviewBars';

/** What a review screen (the single export, the brief) tells the allow-list handling about itself. */
export interface AllowListScreen {
  /** How many findings the review shows now (to say how many a new allow-list entry took away). */
  readonly findings: () => number;
  /**
   * Runs the review again with the allow-list as it is now; the number of findings in the new review, or null
   * when none came (other options were chosen meanwhile, or it failed). `why`: after adding, or after an undo.
   */
  readonly rerun: (why: 'added' | 'undone') => Promise<number | null>;
  /** The review changed: what was said about the old one (the outcome of a write) no longer holds. */
  readonly onChanged: () => void;
  /** Says something to screen readers (the screen's status line). */
  readonly announce: (text: string) => void;
  /** The other forms of a name under review, named in the confirmation and added with it; none when absent. */
  readonly otherForms?: (text: string) => Promise<readonly string[]>;
}

export interface NameToConfirm {
  readonly text: string;
  readonly forms: readonly string[];
}

/**
 * "Never redact this", shared by the review screens: adding a text to the vault's allow-list (and undoing that),
 * then the review again and a bar saying what changed. A contact detail (the organisation's own letterhead) goes
 * on at once, with undo; a name only after a confirmation that names the consequence, together with its other forms.
 */
export function useAllowList(screen: AllowListScreen) {
  const t = useT();
  const { setSettings } = useVaultData();
  const [notice, setNotice] = useState<AllowNotice | null>(null);
  const [busy, setBusy] = useState(false);
  const [confirmName, setConfirmName] = useState<NameToConfirm | null>(null);
  // the screen's latest closures and state: the callbacks below are stable, and act on the review as it is
  const latest = useRef({ screen, busy, notice, t });
  latest.current = { screen, busy, notice, t };

  /** Adds texts to the vault's allow-list, runs the review again and says what changed. */
  const allow = useCallback(
    async (entries: readonly string[], name: boolean) => {
      const { screen: s, t: tr } = latest.current;
      setBusy(true);
      try {
        const current = await call('settings.get', {});
        if (!current.ok) return setNotice({ state: 'error', message: commonError(current.error, tr) });
        const list = current.value.allowList;
        const fresh = [...new Set(entries)].filter((e) => !list.includes(e));
        if (fresh.length === 0) return setNotice({ state: 'already', text: entries[0] ?? '' });
        const saved = await call('settings.update', { settings: { allowList: [...list, ...fresh] } });
        if (!saved.ok) return setNotice({ state: 'error', message: commonError(saved.error, tr) });
        setSettings(saved.value);
        const before = s.findings();
        const after = await s.rerun('added');
        s.onChanged();
        setNotice({ state: 'added', entries: fresh, name, removed: after !== null ? Math.max(0, before - after) : 0 });
        s.announce(tr('export.announce.allowed', { text: fresh[0] }));
      } finally {
        setBusy(false);
        setConfirmName(null);
      }
    },
    [setSettings],
  );

  const undo = useCallback(async () => {
    const { screen: s, notice: shown, t: tr } = latest.current;
    if (shown?.state !== 'added') return;
    const entries = shown.entries;
    setBusy(true);
    try {
      const current = await call('settings.get', {});
      if (!current.ok) return setNotice({ state: 'error', message: commonError(current.error, tr) });
      const saved = await call('settings.update', { settings: { allowList: current.value.allowList.filter((x) => !entries.includes(x)) } });
      if (!saved.ok) return setNotice({ state: 'error', message: commonError(saved.error, tr) });
      setSettings(saved.value);
      await s.rerun('undone');
      s.onChanged();
      setNotice({ state: 'undone', entries });
      s.announce(tr('export.announce.allowUndone'));
    } finally {
      setBusy(false);
    }
  }, [setSettings]);

  /** A contact detail goes on the allow-list at once (with undo); a name only after a confirmation. */
  const neverRedact = useCallback(
    async (raw: string, contact: boolean) => {
      const { screen: s, busy: working, t: tr } = latest.current;
      const text = tidy(raw);
      if (!text || working) return;
      if (text.length > 500) return setNotice({ state: 'error', message: tr('export.allowTooLong') });
      if (contact) return void allow([text], false);
      setConfirmName({ text, forms: s.otherForms ? await s.otherForms(text) : [] });
    },
    [allow],
  );

  const cancel = useCallback(() => setConfirmName(null), []);
  const dismiss = useCallback(() => setNotice(null), []);

  return {
    notice,
    busy,
    neverRedact,
    undo,
    dismiss,
    /** The confirmation for a name, as NeverRedactNameDialog's props; null while none is asked. */
    dialog: confirmName
      ? { text: confirmName.text, forms: confirmName.forms, busy, onCancel: cancel, onConfirm: () => void allow([confirmName.text, ...confirmName.forms], true) }
      : null,
  };
}
