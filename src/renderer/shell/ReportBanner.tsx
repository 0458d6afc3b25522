import { Alert } from '../components/Alert';
import type { UnlockReport } from '../../shared/domain';

/** What the unlock found wrong with the vault, in words a researcher can act on. */
export function ReportBanner({ report, onDismiss }: { readonly report: UnlockReport; readonly onDismiss: () => void }) {
  const problems: string[] = [];
  if (report.damaged.length > 0) {
    const n = report.damaged.length;
    problems.push(`${n} ${n === 1 ? 'record is' : 'records are'} damaged and could not be decrypted. ${n === 1 ? 'It is' : 'They are'} left untouched on disk.`);
  }
  if (!report.sealIntact) {
    problems.push('The vault seal does not match: records were removed, rolled back to an older version or added outside Fieldvault.');
  }
  if (!report.auditChainIntact) {
    problems.push('The audit log chain is broken: entries were removed or changed outside Fieldvault.');
  }
  return (
    <Alert tone="warning" title="This vault may have been tampered with or damaged" onDismiss={onDismiss} className="report-banner">
      <ul>
        {problems.map((p) => (
          <li key={p}>{p}</li>
        ))}
      </ul>
      <p className="report-banner__advice">Compare it with a backup copy before relying on it, and keep this copy as evidence.</p>
    </Alert>
  );
}
