import { useState } from 'react';
import type { ReceivedBrief } from '../../../shared/delivery';
import { call, canChooseFile, chooseFile } from '../../api';
import { Button } from '../../components/Button';
import { Icon } from '../../components/Icon';
import { useT } from '../../i18n/I18nProvider';
import { openError } from './delivery-errors';

/**
 * "Open a bundle…": the Open dialog in the app (main then lets received.open read that file once); a path field
 * in the developer preview. A refusal is reported and nothing changes.
 */
export function OpenBundle({ onOpened, onRefused }: { readonly onOpened: (r: ReceivedBrief) => void; readonly onRefused: (message: string) => void }) {
  const t = useT();
  const native = canChooseFile();
  const [path, setPath] = useState('');
  const [busy, setBusy] = useState(false);
  const open = async (chosen: string) => {
    setBusy(true);
    const r = await call('received.open', { path: chosen });
    setBusy(false);
    if (r.ok) {
      setPath('');
      onOpened(r.value);
    } else onRefused(openError(r.error, t));
  };
  if (native) {
    return (
      <Button
        variant="primary"
        busy={busy}
        onClick={async () => {
          const chosen = await chooseFile({ purpose: 'received-open' });
          if (chosen) await open(chosen);
        }}
      >
        <Icon name="folder" />
        {t('received.open')}
      </Button>
    );
  }
  return (
    <form
      className="open-bundle"
      onSubmit={(e) => {
        e.preventDefault();
        if (path.trim()) void open(path.trim());
      }}
    >
      <label className="visually-hidden" htmlFor="open-bundle-path">
        {t('received.openPath')}
      </label>
      <input id="open-bundle-path" className="input input--mono open-bundle__path" value={path} onChange={(e) => setPath(e.target.value)} placeholder={t('received.openPath')} autoComplete="off" spellCheck={false} />
      <Button type="submit" variant="primary" busy={busy} disabled={!path.trim()}>
        <Icon name="folder" />
        {t('received.openGo')}
      </Button>
    </form>
  );
}
