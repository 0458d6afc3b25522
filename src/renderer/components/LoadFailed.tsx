import type { AppError } from '../../shared/result';
import { commonError } from '../errors';
import { useT } from '../i18n/I18nProvider';
import { Alert } from './Alert';
import { Button } from './Button';
import { Spinner } from './Spinner';

export function Loading({ label }: { readonly label: string }) {
  return (
    <div className="loading" role="status">
      <Spinner />
      {label}
    </div>
  );
}

export function LoadFailed({ what, error, onRetry }: { readonly what: string; readonly error: AppError; readonly onRetry: () => void }) {
  const t = useT();
  return (
    <Alert tone="error" title={t('load.failed', { what })}>
      <p>{commonError(error, t)}</p>
      <p>
        <Button variant="link" onClick={onRetry}>
          {t('load.retry')}
        </Button>
      </p>
    </Alert>
  );
}
