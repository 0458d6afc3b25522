import { useEffect, useState } from 'react';
import type { ClipboardStatus } from '../../shared/api';
import { onClipboardStatus } from '../api';
import { useT } from '../i18n/I18nProvider';
import { Alert } from './Alert';
import './ClipboardNotice.css';

/**
 * What the app says when it could not confirm that a copied identity field left the clipboard (on Wayland a
 * background window cannot clear it): shown over whatever screen is open, locked or not, until the app reports
 * the field gone or the researcher dismisses it. Electron only; the preview never reports a status.
 */
export function ClipboardNotice() {
  const [status, setStatus] = useState<Exclude<ClipboardStatus, 'resolved'> | null>(null);
  const t = useT();
  useEffect(() => onClipboardStatus((s) => setStatus(s === 'resolved' ? null : s)), []);
  if (status === null) return null;
  return (
    <div className="clipboard-notice">
      <Alert tone="warning" onDismiss={() => setStatus(null)}>
        {t(status === 'pending' ? 'clipboard.pending' : 'clipboard.failed')}
      </Alert>
    </div>
  );
}
