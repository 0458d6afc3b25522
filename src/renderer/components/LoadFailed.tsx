import type { AppError } from '../../shared/result';
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
  return (
    <Alert tone="error" title={`Could not load ${what}`}>
      <p>{error.message}</p>
      <p>
        <Button variant="link" onClick={onRetry}>
          Try again
        </Button>
      </p>
    </Alert>
  );
}
