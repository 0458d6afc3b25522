import type { ReceivedSender } from '../../../shared/delivery';
import { useT } from '../../i18n/I18nProvider';
import { FingerprintWords } from './FingerprintWords';

/** Who sent a brief: a known colleague's label, or "Unknown sender" and the words, never a name. */
export function SenderText({ sender, words = false }: { readonly sender: ReceivedSender; readonly words?: boolean }) {
  const t = useT();
  if (sender.kind === 'known') return <span className="sender sender--known">{sender.label}</span>;
  return (
    <span className="sender sender--unknown">
      <span className="sender__unknown">{t('received.unknown')}</span>
      {words ? <FingerprintWords words={sender.fingerprint} size="small" /> : <span className="sender__words" lang="en">{sender.fingerprint.join(' ')}</span>}
    </span>
  );
}
