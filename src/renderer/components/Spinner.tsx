import './Spinner.css';

export function Spinner({ className }: { readonly className?: string }) {
  return <span className={['spinner', className].filter(Boolean).join(' ')} aria-hidden="true" />;
}
